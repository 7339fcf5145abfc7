using System.Globalization;
using Inspections.Domain.Capture;
using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

public sealed partial class LedgerService
{
    private IQueryable<Visit> Visits(DateOnly? from, DateOnly? to)
    {
        var q = db.Set<Visit>().AsNoTracking().Where(v => v.Status == VisitStatus.Submitted);
        if (from is { } f)
        {
            var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
            q = q.Where(v => v.CheckinAt >= start);
        }
        if (to is { } t)
        {
            var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
            q = q.Where(v => v.CheckinAt < end);
        }
        return q;
    }

    private async Task<Ledger> VisitsAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var visits = Visits(from, to);
        var rows = await (from v in visits
                          orderby v.CheckinAt
                          select new
                          {
                              v.CheckinAt, v.VenueId, v.Kind, v.OfficerIds, v.DepartmentKinds,
                              Checked = v.Items.Count(i => i.Outcome != ItemOutcome.NotApplicable),
                              Failed = v.Items.Count(i => i.Outcome == ItemOutcome.Fail),
                              v.PersonPresentName,
                          }).ToListAsync(ct);
        var officerIds = rows.SelectMany(r => r.OfficerIds).Distinct().ToList();
        var venues = await VenuesAsync(rows.Select(r => r.VenueId), ct);
        var names = await db.Set<Officer>().IgnoreQueryFilters().Where(o => officerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new Ledger("检查台账",
            ["检查时间", "场所", "类型", "地址", "检查类别", "执法人员", "参加部门", "检查项数", "不合格项数", "现场负责人"],
            [.. rows.Select(r => new string[]
            {
                DateTime(r.CheckinAt), venues[r.VenueId].Name, venues[r.VenueId].Type.ToString(), venues[r.VenueId].Address, KindZh(r.Kind),
                string.Join("、", r.OfficerIds.Select(id => names.GetValueOrDefault(id) ?? "")), string.Join("、", r.DepartmentKinds),
                r.Checked.ToString(CultureInfo.InvariantCulture), r.Failed.ToString(CultureInfo.InvariantCulture), r.PersonPresentName,
            })]);
    }

    private async Task<Ledger> FindingsAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var visits = Visits(from, to);
        var rows = await (from v in visits
                          from i in v.Items
                          where i.Outcome == ItemOutcome.Fail
                          join c in db.Set<ChecklistItem>() on i.ItemId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          orderby v.CheckinAt, i.ItemCode
                          select new { v.CheckinAt, v.VenueId, i.ItemCode, Text = c == null ? null : c.TextZh, i.DepartmentKind, Basis = c == null ? null : c.LegalBasis, i.Note, VisitId = v.Id })
            .ToListAsync(ct);
        var visitIds = rows.Select(r => r.VisitId).Distinct().ToList();
        var venues = await VenuesAsync(rows.Select(r => r.VenueId), ct);
        var notices = await db.Set<Domain.Rectification.RectificationNotice>().AsNoTracking().Where(n => visitIds.Contains(n.VisitId))
            .Select(n => new { n.VisitId, n.DepartmentKind, n.Number, n.Status }).ToListAsync(ct);
        return new Ledger("问题台账",
            ["检查时间", "场所", "地址", "问题编码", "问题", "主管部门", "违反规定", "现场情况", "整改通知书", "整改状态"],
            [.. rows.Select(r =>
            {
                var n = notices.FirstOrDefault(x => x.VisitId == r.VisitId && x.DepartmentKind == r.DepartmentKind);
                return new string[]
                {
                    DateTime(r.CheckinAt), venues[r.VenueId].Name, venues[r.VenueId].Address, r.ItemCode, r.Text ?? "", r.DepartmentKind.ToString(), r.Basis ?? "", r.Note ?? "",
                    n is null ? "" : n.Number ?? "（草稿）", n is null ? "" : StatusZh(n.Status),
                };
            })]);
    }

    /// <summary>
    /// Venues of visits the user may see, read in a separate query: IgnoreQueryFilters inside the ledger query would switch
    /// off the jurisdiction filters of the whole query (visits included).
    /// </summary>
    private async Task<Dictionary<Guid, (string Name, VenueType Type, string Address)>> VenuesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Set<Venue>().IgnoreQueryFilters().Where(v => list.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => (v.Name, v.Type, v.Address), ct);
    }

    private static string KindZh(VisitKind k) => k switch
    {
        VisitKind.Planned => "计划检查",
        VisitKind.AdHoc => "临时检查",
        VisitKind.Complaint => "投诉核查",
        VisitKind.Reinspection => "复查",
        _ => k.ToString(),
    };
}
