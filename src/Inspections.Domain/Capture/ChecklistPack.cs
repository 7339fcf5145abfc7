using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Capture;

/// <summary>
/// One version of one venue type's checklist (ADR 11). Versions are immutable once visits use them: editing a pack
/// creates the next version and makes it current; old visits keep pointing at the items of theirs.
/// </summary>
public sealed class ChecklistPack
{
    private readonly List<ChecklistItem> _items = [];

    private ChecklistPack()
    {
        TitleZh = TitleEn = string.Empty;
    }

    public ChecklistPack(Guid id, VenueType venueType, int version, string titleZh, string titleEn, DateTimeOffset publishedAt)
    {
        if (version < 1)
        {
            throw new DomainException("version.range", "A pack version starts at 1.");
        }
        Id = id == Guid.Empty ? Guid.CreateVersion7() : id;
        VenueType = venueType;
        Version = version;
        TitleZh = Guard.Required(titleZh, "titleZh", 200);
        TitleEn = Guard.Required(titleEn, "titleEn", 200);
        PublishedAt = publishedAt;
        IsCurrent = true;
    }

    public Guid Id { get; private set; }

    public VenueType VenueType { get; private set; }

    public int Version { get; private set; }

    public string TitleZh { get; private set; }

    public string TitleEn { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public bool IsCurrent { get; private set; }

    /// <summary>Who published this version ("seed" for the packs loaded from seed/checklists).</summary>
    public string? PublishedBy { get; private set; }

    public IReadOnlyList<ChecklistItem> Items => _items;

    public void SetPublishedBy(string? user) => PublishedBy = user;

    public void Retire() => IsCurrent = false;

    public ChecklistItem AddItem(ChecklistItemData d)
    {
        if (_items.Any(i => string.Equals(i.Code, d.Code?.Trim(), StringComparison.Ordinal)))
        {
            throw new DomainException("items.duplicate_code", $"Item code {d.Code} appears twice in the pack.");
        }
        var item = new ChecklistItem(Guid.CreateVersion7(), Id, d);
        _items.Add(item);
        return item;
    }
}

/// <summary>What an administrator or the seed file gives for one item.</summary>
public sealed record ChecklistItemData(
    string Code,
    int SortOrder,
    string TextZh,
    string TextEn,
    DepartmentKind DepartmentKind,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRangeZh,
    ItemSeverity Severity,
    int DefaultDeadlineDays,
    string? RequirementZh);

public sealed class ChecklistItem
{
    private ChecklistItem()
    {
        Code = TextZh = TextEn = LegalBasis = string.Empty;
    }

    internal ChecklistItem(Guid id, Guid packId, ChecklistItemData d)
    {
        Id = id;
        PackId = packId;
        Code = Guard.Required(d.Code, "code", 32);
        SortOrder = d.SortOrder;
        TextZh = Guard.Required(d.TextZh, "textZh", 500);
        TextEn = Guard.Required(d.TextEn, "textEn", 500);
        DepartmentKind = d.DepartmentKind;
        LegalBasis = Guard.Required(d.LegalBasis, "legalBasis", 300);
        PenaltyBasis = Guard.Optional(d.PenaltyBasis, "penaltyBasis", 300);
        PenaltyRangeZh = Guard.Optional(d.PenaltyRangeZh, "penaltyRangeZh", 300);
        Severity = d.Severity;
        if (d.DefaultDeadlineDays is < 0 or > 365)
        {
            throw new DomainException("defaultDeadlineDays.range", "The default deadline is 0 (on the spot) to 365 days.");
        }
        DefaultDeadlineDays = d.DefaultDeadlineDays;
        RequirementZh = Guard.Optional(d.RequirementZh, "requirementZh", 500);
    }

    public Guid Id { get; private set; }

    public Guid PackId { get; private set; }

    /// <summary>Stable across versions, e.g. <c>HOTEL-01</c>.</summary>
    public string Code { get; private set; }

    public int SortOrder { get; private set; }

    public string TextZh { get; private set; }

    public string TextEn { get; private set; }

    public DepartmentKind DepartmentKind { get; private set; }

    public string LegalBasis { get; private set; }

    public string? PenaltyBasis { get; private set; }

    public string? PenaltyRangeZh { get; private set; }

    public ItemSeverity Severity { get; private set; }

    public int DefaultDeadlineDays { get; private set; }

    public string? RequirementZh { get; private set; }
}
