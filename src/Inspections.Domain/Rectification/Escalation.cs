using Inspections.Domain.Common;

namespace Inspections.Domain.Rectification;

/// <summary>
/// Referral of a notice not complied with for a penalty case (立案), with the article the penalty rests on and its range;
/// the venue goes on the public-notification (通报) list.
/// </summary>
public sealed class Escalation : Entity
{
    private Escalation()
    {
        PenaltyBasis = PenaltyRange = Reason = string.Empty;
    }

    public Escalation(Guid noticeId, Guid venueId, Guid jurisdictionId, string penaltyBasis, string penaltyRange, string reason, DateTimeOffset referredAt)
        : base(Guid.CreateVersion7())
    {
        NoticeId = noticeId;
        VenueId = venueId;
        JurisdictionId = jurisdictionId;
        PenaltyBasis = Guard.Required(penaltyBasis, "penaltyBasis", 600);
        PenaltyRange = Guard.Required(penaltyRange, "penaltyRange", 600);
        Reason = Guard.Required(reason, "reason", 1000);
        ReferredAt = referredAt;
        OnNotificationList = true;
    }

    public Guid NoticeId { get; private set; }

    public Guid VenueId { get; private set; }

    public Guid JurisdictionId { get; private set; }

    public string PenaltyBasis { get; private set; }

    public string PenaltyRange { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset ReferredAt { get; private set; }

    /// <summary>The venue is on the 通报 list.</summary>
    public bool OnNotificationList { get; private set; }

    /// <summary>What the escalation says, from the items not rectified (penalty articles and ranges, de-duplicated).</summary>
    public static (string Basis, string Range) Summarise(IEnumerable<RectificationNoticeItem> items)
    {
        var list = items.ToList();
        var basis = string.Join("；", list.Select(i => i.PenaltyBasis ?? i.LegalBasis).Distinct());
        var range = string.Join("；", list.Select(i => i.PenaltyRange).OfType<string>().Distinct());
        return (basis, range.Length == 0 ? "依法确定" : range);
    }
}
