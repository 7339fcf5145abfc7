using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Documents;

namespace Inspections.Infrastructure.Rectification;

/// <summary>Turns a stored notice into the printable 责令（限期）改正通知书 (with the verification QR code once numbered).</summary>
public static class NoticeDocumentBuilder
{
    /// <summary>Printed on drafts in place of the number.</summary>
    public const string DraftNumber = "（草稿，未编号）";

    public static RectificationNoticeDocument Build(RectificationNotice n, string verificationUrl, string selfReference, DateOnly today) => new()
    {
        IssuingAuthority = n.IssuingAuthority,
        Number = n.Number ?? DraftNumber,
        Party = new DocumentParty(n.PartyName)
        {
            UnifiedSocialCreditCode = n.PartyCreditCode,
            Address = n.PartyAddress,
            LegalRepresentative = n.PartyLegalRepresentative,
        },
        SelfReference = selfReference,
        FactsFound = n.FactsFound,
        ProvisionsBreached = [.. n.Items.OrderBy(i => i.SortOrder).Select(i => i.LegalBasis).Distinct()],
        SpecificLegalBasis = [.. n.SpecificLegalBasis.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        Corrections = [.. n.Items.OrderBy(i => i.SortOrder).Select(i => new RequiredCorrection(
            i.Requirement, i.Deadline <= (n.IssuedOn ?? DateOnly.FromDateTime(n.InspectedAt.ToOffset(TimeSpan.FromHours(8)).DateTime)) ? null : i.Deadline))],
        Deadline = n.Deadline,
        Consequences = n.Consequences,
        ReviewAuthority = n.ReviewAuthority,
        Court = n.Court,
        IssuedOn = n.IssuedOn ?? today,
        ContactPerson = n.ContactPerson,
        ContactPhone = n.ContactPhone,
        VerificationUrl = n.Number is null ? null : verificationUrl,
        Receipt = n.ServedAt is { } served
            ? new NoticeReceipt
            {
                SignedBy = n.ReceivedBy,
                SignedOn = DateOnly.FromDateTime(served.ToOffset(TimeSpan.FromHours(8)).DateTime),
                Refused = n.PartyRefused,
                RefusalCircumstances = n.PartyRefused ? "当事人拒绝签收，已在见证人见证下留置送达。" : null,
                Witness = n.Witness,
                ServedBy = n.ServedBy,
            }
            : null,
    };
}
