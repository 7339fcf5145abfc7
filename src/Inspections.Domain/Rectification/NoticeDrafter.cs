using System.Globalization;
using System.Text;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Rectification;

/// <summary>
/// Drafts the rectification notices of one submitted joint visit: one per department whose items failed (DOMAIN.md
/// "From finding to rectification"). Pure: the caller supplies the visit, the failed items with their checklist texts
/// and the departments present; dates are local (Asia/Shanghai).
/// </summary>
public static class NoticeDrafter
{
    public static IReadOnlyList<NoticeDraft> Draft(VisitFacts visit, IReadOnlyList<FailedItem> failed, IReadOnlyList<IssuingDepartment> departments, NoticeTexts texts)
    {
        var drafts = new List<NoticeDraft>();
        foreach (var group in failed.GroupBy(f => f.DepartmentKind).OrderBy(g => g.Key))
        {
            var department = departments.FirstOrDefault(d => d.Kind == group.Key)
                ?? departments.FirstOrDefault(d => d.Kind == DepartmentKind.LeadOffice);
            if (department is null)
            {
                // Nobody present can issue for this competence: the items stay in the record for referral.
                continue;
            }
            var items = group.OrderBy(f => f.SortOrder).ToList();
            var inspectedOn = DateOnly.FromDateTime(visit.LocalStartedAt);
            var itemDrafts = items.Select(f => new NoticeItemDraft(
                f.Code,
                f.Text,
                f.Note,
                f.LegalBasis,
                f.PenaltyBasis,
                f.PenaltyRange,
                string.IsNullOrWhiteSpace(f.Requirement) ? $"立即改正：{f.Text}" : f.Requirement,
                inspectedOn.AddDays(Math.Max(0, f.DefaultDeadlineDays)),
                f.SortOrder)).ToList();
            var specific = items.Select(f => f.PenaltyBasis).OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
            var specificText = specific.Count > 0 ? string.Join("、", specific) : string.Join("、", items.Select(f => f.LegalBasis).Distinct());
            drafts.Add(new NoticeDraft(
                visit.VisitId,
                visit.VenueId,
                visit.JurisdictionId,
                department.Id,
                department.Kind,
                department.Name,
                department.Code,
                department.ShortName + texts.DocumentCode,
                visit.PartyName,
                visit.PartyCreditCode,
                visit.PartyAddress,
                visit.PartyLegalRepresentative,
                visit.StartedAt,
                visit.OfficerIds,
                Facts(visit, items),
                specificText,
                string.Format(CultureInfo.InvariantCulture, texts.ConsequencesTemplate, texts.SelfReference, specificText),
                texts.ReviewAuthority,
                texts.Court,
                department.ContactPerson,
                department.ContactPhone,
                itemDrafts));
        }
        return drafts;
    }

    /// <summary>经查… — when, where, and each failed item with what was seen.</summary>
    public static string Facts(VisitFacts visit, IReadOnlyList<FailedItem> items)
    {
        var t = visit.LocalStartedAt;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{t.Year}年{t.Month}月{t.Day}日{t.Hour}时{t.Minute:D2}分，执法人员对你单位位于{visit.Place}的经营场所进行检查，发现：");
        for (var i = 0; i < items.Count; i++)
        {
            var f = items[i];
            sb.Append(CultureInfo.InvariantCulture, $"{(items.Count > 1 ? $"（{i + 1}）" : string.Empty)}{f.Text.TrimEnd('。', '？', '?')}项不符合要求");
            if (!string.IsNullOrWhiteSpace(f.Note))
            {
                sb.Append(CultureInfo.InvariantCulture, $"，现场情况：{f.Note.Trim().TrimEnd('。')}");
            }
            sb.Append(i == items.Count - 1 ? "。" : "；");
        }
        return sb.ToString();
    }
}

public sealed record VisitFacts(
    Guid VisitId,
    Guid VenueId,
    Guid JurisdictionId,
    DateTimeOffset StartedAt,
    DateTime LocalStartedAt,
    IReadOnlyList<Guid> OfficerIds,
    string Place,
    string PartyName,
    string? PartyCreditCode,
    string? PartyAddress,
    string? PartyLegalRepresentative);

public sealed record FailedItem(
    string Code,
    int SortOrder,
    string Text,
    string? Note,
    DepartmentKind DepartmentKind,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRange,
    string? Requirement,
    int DefaultDeadlineDays);

public sealed record IssuingDepartment(
    Guid Id,
    string Code,
    string Name,
    string ShortName,
    DepartmentKind Kind,
    string? ContactPerson = null,
    string? ContactPhone = null);

/// <summary>Local wording (configuration "Rectification").</summary>
public sealed record NoticeTexts
{
    /// <summary>Document type code in the number, e.g. 责改.</summary>
    public string DocumentCode { get; init; } = "责改";

    public string SelfReference { get; init; } = "本局";

    /// <summary>{0} = self reference, {1} = the specific article(s).</summary>
    public string ConsequencesTemplate { get; init; } = "逾期不改正的，{0}将依据{1}的规定依法予以行政处罚。";

    public string ReviewAuthority { get; init; } = "本级人民政府";

    public string Court { get; init; } = "有管辖权的人民法院";
}
