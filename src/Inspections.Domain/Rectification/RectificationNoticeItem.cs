using Inspections.Domain.Common;

namespace Inspections.Domain.Rectification;

/// <summary>One failed checklist item carried by a notice: what was found, the law, what to do and by when.</summary>
public sealed class RectificationNoticeItem : Entity
{
    private RectificationNoticeItem()
    {
        ItemCode = ItemText = LegalBasis = Requirement = string.Empty;
    }

    public RectificationNoticeItem(Guid noticeId, NoticeItemDraft draft)
        : base(Guid.CreateVersion7())
    {
        NoticeId = noticeId;
        ItemCode = Guard.Required(draft.ItemCode, "itemCode", 32);
        ItemText = Guard.Required(draft.ItemText, "itemText", 500);
        Observation = Guard.Optional(draft.Observation, "observation", 1000);
        LegalBasis = Guard.Required(draft.LegalBasis, "legalBasis", 300);
        PenaltyBasis = Guard.Optional(draft.PenaltyBasis, "penaltyBasis", 300);
        PenaltyRange = Guard.Optional(draft.PenaltyRange, "penaltyRange", 300);
        Requirement = Guard.Required(draft.Requirement, "requirement", 500);
        Deadline = draft.Deadline;
        SortOrder = draft.SortOrder;
    }

    public Guid NoticeId { get; private set; }

    /// <summary>Checklist item code (e.g. <c>NET-01</c>), stable across pack versions: the re-inspection checks these.</summary>
    public string ItemCode { get; private set; }

    public string ItemText { get; private set; }

    /// <summary>The officer's note on what was seen.</summary>
    public string? Observation { get; private set; }

    /// <summary>Provision breached, e.g. 《中华人民共和国未成年人保护法》第五十八条.</summary>
    public string LegalBasis { get; private set; }

    /// <summary>Article the penalty would rest on, e.g. 第一百二十三条 (copied to the escalation).</summary>
    public string? PenaltyBasis { get; private set; }

    public string? PenaltyRange { get; private set; }

    /// <summary>What must be corrected.</summary>
    public string Requirement { get; private set; }

    /// <summary>The item's own deadline; equal to the issue date means 立即改正.</summary>
    public DateOnly Deadline { get; private set; }

    public int SortOrder { get; private set; }

    public ReinspectionOutcome? Outcome { get; private set; }

    public void Edit(string requirement, DateOnly deadline)
    {
        Requirement = Guard.Required(requirement, "requirement", 500);
        Deadline = deadline;
    }

    public void RecordOutcome(ReinspectionOutcome outcome) => Outcome = outcome;
}

public sealed record NoticeItemDraft(
    string ItemCode,
    string ItemText,
    string? Observation,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRange,
    string Requirement,
    DateOnly Deadline,
    int SortOrder);
