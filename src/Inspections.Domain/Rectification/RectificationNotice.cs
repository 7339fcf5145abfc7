using System.Buffers.Text;
using System.Security.Cryptography;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Rectification;

/// <summary>
/// 责令（限期）改正通知书 of one department after one joint visit. Drafted when the visit is submitted, edited while a
/// draft, numbered when issued (gap-free per authority and year), served on the party, and closed or escalated after
/// the re-inspection. The party's details are a snapshot taken at drafting: the notice says what it said when served.
/// </summary>
public sealed class RectificationNotice : Entity
{
    private readonly List<RectificationNoticeItem> _items = [];

    private RectificationNotice()
    {
        IssuingAuthority = AuthorityKey = PartyName = FactsFound = Consequences = SpecificLegalBasis = string.Empty;
        ReviewAuthority = Court = VerificationToken = string.Empty;
    }

    public RectificationNotice(NoticeDraft d)
        : base(Guid.CreateVersion7())
    {
        VisitId = d.VisitId;
        VenueId = d.VenueId;
        JurisdictionId = d.JurisdictionId;
        DepartmentId = d.DepartmentId;
        DepartmentKind = d.DepartmentKind;
        IssuingAuthority = Guard.Required(d.IssuingAuthority, "issuingAuthority", 100);
        AuthorityKey = Guard.Required(d.AuthorityKey, "authorityKey", 32);
        NumberPrefix = Guard.Required(d.NumberPrefix, "numberPrefix", 40);
        PartyName = Guard.Required(d.PartyName, "partyName", 100);
        PartyCreditCode = Guard.Optional(d.PartyCreditCode, "partyCreditCode", 32);
        PartyAddress = Guard.Optional(d.PartyAddress, "partyAddress", 200);
        PartyLegalRepresentative = Guard.Optional(d.PartyLegalRepresentative, "partyLegalRepresentative", 50);
        InspectedAt = d.InspectedAt;
        OfficerIds = [.. d.OfficerIds.Distinct()];
        Status = NoticeStatus.Draft;
        VerificationToken = NewToken();
        if (d.Items.Count == 0)
        {
            throw new DomainException("notice.no_items", "A notice needs at least one failed item.");
        }
        foreach (var item in d.Items.OrderBy(i => i.SortOrder))
        {
            _items.Add(new RectificationNoticeItem(Id, item));
        }
        Deadline = _items.Max(i => i.Deadline);
        FactsFound = Guard.Required(d.FactsFound, "factsFound", 4000);
        SpecificLegalBasis = Guard.Required(d.SpecificLegalBasis, "specificLegalBasis", 500);
        Consequences = Guard.Required(d.Consequences, "consequences", 1000);
        ReviewAuthority = Guard.Required(d.ReviewAuthority, "reviewAuthority", 100);
        Court = Guard.Required(d.Court, "court", 100);
        ContactPerson = Guard.Optional(d.ContactPerson, "contactPerson", 50);
        ContactPhone = Guard.Optional(d.ContactPhone, "contactPhone", 32);
    }

    public Guid VisitId { get; private set; }

    public Guid VenueId { get; private set; }

    /// <summary>The venue's community, for scoping.</summary>
    public Guid JurisdictionId { get; private set; }

    public Guid DepartmentId { get; private set; }

    public DepartmentKind DepartmentKind { get; private set; }

    /// <summary>Printed name of the issuing authority.</summary>
    public string IssuingAuthority { get; private set; }

    /// <summary>Numbering key (the department's code): one gap-free series per key and year.</summary>
    public string AuthorityKey { get; private set; }

    /// <summary>Prefix of the number, e.g. 龙华市监责改 (from the department's short name and the configured format).</summary>
    public string? NumberPrefix { get; private set; }

    public int? Year { get; private set; }

    public int? Serial { get; private set; }

    /// <summary>Formatted number, e.g. 龙华市监责改〔2026〕17号; null while a draft.</summary>
    public string? Number { get; private set; }

    public NoticeStatus Status { get; private set; }

    public DateTimeOffset InspectedAt { get; private set; }

    /// <summary>The officers of the visit: responsible for the re-inspection and reminded before the deadline.</summary>
    public Guid[] OfficerIds { get; private set; } = [];

    public string PartyName { get; private set; }

    public string? PartyCreditCode { get; private set; }

    public string? PartyAddress { get; private set; }

    public string? PartyLegalRepresentative { get; private set; }

    public string FactsFound { get; private set; }

    /// <summary>The specific article empowering the order (besides 行政处罚法 Art. 28, printed by the template).</summary>
    public string SpecificLegalBasis { get; private set; }

    public string Consequences { get; private set; }

    public string ReviewAuthority { get; private set; }

    public string Court { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? ContactPhone { get; private set; }

    /// <summary>Overall deadline: the latest item deadline; the re-inspection falls due then.</summary>
    public DateOnly Deadline { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public DateTimeOffset? ServedAt { get; private set; }

    public ServiceMethod? ServiceMethod { get; private set; }

    public bool PartySigned { get; private set; }

    /// <summary>Who signed the receipt for the party.</summary>
    public string? ReceivedBy { get; private set; }

    public bool PartyRefused { get; private set; }

    public string? Witness { get; private set; }

    public string? ServedBy { get; private set; }

    /// <summary>128 random bits, URL-safe: the key of the public verification page printed as a QR code.</summary>
    public string VerificationToken { get; private set; }

    public Guid? ReinspectionVisitId { get; private set; }

    public DateTimeOffset? OverdueAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public IReadOnlyList<RectificationNoticeItem> Items => _items;

    /// <summary>Open = the venue is under rectification (issued, served or overdue).</summary>
    public bool IsOpen => Status is NoticeStatus.Issued or NoticeStatus.Served or NoticeStatus.Overdue;

    public void EditDraft(NoticeEdit e)
    {
        RequireStatus("notice.not_draft", "Only a draft can be edited.", NoticeStatus.Draft);
        FactsFound = Guard.Required(e.FactsFound, "factsFound", 4000);
        SpecificLegalBasis = Guard.Required(e.SpecificLegalBasis, "specificLegalBasis", 500);
        Consequences = Guard.Required(e.Consequences, "consequences", 1000);
        ContactPerson = Guard.Optional(e.ContactPerson, "contactPerson", 50);
        ContactPhone = Guard.Optional(e.ContactPhone, "contactPhone", 32);
        foreach (var edit in e.Items)
        {
            var item = _items.Find(i => i.Id == edit.ItemId)
                ?? throw new DomainException("items.unknown", $"Item {edit.ItemId} is not on this notice.");
            item.Edit(edit.Requirement, edit.Deadline);
        }
        if (e.Deadline is { } deadline)
        {
            foreach (var item in _items.Where(i => i.Deadline > deadline))
            {
                item.Edit(item.Requirement, deadline);
            }
        }
        Deadline = e.Deadline ?? _items.Max(i => i.Deadline);
    }

    /// <summary>Draft → Issued with the number the counter gave. The deadline may not lie before the issue date.</summary>
    public void Issue(int year, int serial, string number, DateTimeOffset now, DateOnly today)
    {
        RequireStatus("notice.not_draft", "Only a draft can be issued.", NoticeStatus.Draft);
        if (Deadline < today)
        {
            throw new DomainException("deadline.past", "The deadline lies before the issue date: change it first.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        Year = year;
        Serial = serial;
        Number = Guard.Required(number, "number", 60);
        IssuedAt = now;
        IssuedOn = today;
        Status = NoticeStatus.Issued;
    }

    /// <summary>Records service: signed by the party, or refused and left before a witness.</summary>
    public void RecordService(ServiceRecord s)
    {
        RequireStatus("notice.not_issued", "Only an issued notice can be served.", NoticeStatus.Issued);
        if (s.PartyRefused)
        {
            Witness = Guard.Required(s.Witness, "witness", 50);
            ReceivedBy = null;
            PartySigned = false;
            ServiceMethod = Rectification.ServiceMethod.LeftWithWitness;
        }
        else
        {
            ReceivedBy = Guard.Required(s.ReceivedBy, "receivedBy", 50);
            Witness = Guard.Optional(s.Witness, "witness", 50);
            PartySigned = true;
            ServiceMethod = s.Method == Rectification.ServiceMethod.LeftWithWitness ? Rectification.ServiceMethod.InPerson : s.Method;
        }
        if (IssuedAt is { } issued && s.ServedAt < issued.AddMinutes(-5))
        {
            throw new DomainException("servedAt.before_issue", "A notice cannot be served before it was issued.");
        }
        PartyRefused = s.PartyRefused;
        ServedBy = Guard.Optional(s.ServedBy, "servedBy", 50);
        ServedAt = s.ServedAt;
        Status = NoticeStatus.Served;
    }

    /// <summary>The deadline passed without a re-inspection closing the notice. Idempotent.</summary>
    public bool MarkOverdue(DateOnly today, DateTimeOffset now)
    {
        if (Status is not (NoticeStatus.Issued or NoticeStatus.Served) || today <= Deadline)
        {
            return false;
        }
        Status = NoticeStatus.Overdue;
        OverdueAt = now;
        return true;
    }

    /// <summary>
    /// Re-inspection outcome of every item. All rectified → Rectified and closed; otherwise → Escalated (the caller
    /// writes the <see cref="Escalation"/> and raises the venue's risk class). Returns the items not rectified.
    /// </summary>
    public IReadOnlyList<RectificationNoticeItem> RecordReinspection(
        Guid? reinspectionVisitId, IReadOnlyDictionary<string, ReinspectionOutcome> outcomes, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("notice.not_open", "Only an issued, served or overdue notice can be re-inspected.");
        }
        var missing = _items.Where(i => !outcomes.ContainsKey(i.ItemCode)).Select(i => i.ItemCode).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("outcomes.incomplete", $"No re-inspection outcome for {string.Join(", ", missing)}.");
        }
        foreach (var item in _items)
        {
            item.RecordOutcome(outcomes[item.ItemCode]);
        }
        ReinspectionVisitId = reinspectionVisitId;
        var failed = _items.Where(i => i.Outcome == ReinspectionOutcome.NotRectified).ToList();
        if (failed.Count == 0)
        {
            Status = NoticeStatus.Rectified;
            ClosedAt = now;
        }
        else
        {
            Escalate(now);
        }
        return failed;
    }

    /// <summary>Overdue without a re-inspection for too long: escalate without outcomes.</summary>
    public void Escalate(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("notice.not_open", "Only an open notice can be escalated.");
        }
        Status = NoticeStatus.Escalated;
        EscalatedAt = now;
    }

    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private void RequireStatus(string code, string message, params NoticeStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException(code, message);
        }
    }
}

public sealed record NoticeDraft(
    Guid VisitId,
    Guid VenueId,
    Guid JurisdictionId,
    Guid DepartmentId,
    DepartmentKind DepartmentKind,
    string IssuingAuthority,
    string AuthorityKey,
    string NumberPrefix,
    string PartyName,
    string? PartyCreditCode,
    string? PartyAddress,
    string? PartyLegalRepresentative,
    DateTimeOffset InspectedAt,
    IReadOnlyList<Guid> OfficerIds,
    string FactsFound,
    string SpecificLegalBasis,
    string Consequences,
    string ReviewAuthority,
    string Court,
    string? ContactPerson,
    string? ContactPhone,
    IReadOnlyList<NoticeItemDraft> Items);

public sealed record NoticeEdit(
    string FactsFound,
    string SpecificLegalBasis,
    string Consequences,
    string? ContactPerson,
    string? ContactPhone,
    DateOnly? Deadline,
    IReadOnlyList<NoticeItemEdit> Items);

public sealed record NoticeItemEdit(Guid ItemId, string Requirement, DateOnly Deadline);

public sealed record ServiceRecord(
    ServiceMethod Method,
    DateTimeOffset ServedAt,
    string? ReceivedBy,
    bool PartyRefused,
    string? Witness,
    string? ServedBy);
