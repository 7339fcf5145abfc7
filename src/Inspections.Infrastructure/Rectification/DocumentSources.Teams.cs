using Inspections.Domain.Capture;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Planning;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

public sealed partial class DocumentSources
{
    /// <summary>Unplanned visits up to this long after an operation's end still count as the team's (operations overrun).</summary>
    private static readonly TimeSpan Overrun = TimeSpan.FromHours(2);

    /// <summary>
    /// The visits one plan team made during its operation (unscoped; the caller limits them to the requester's jurisdictions):
    /// <list type="number">
    /// <item>a visit of the operation whose <c>planned_visit_id</c> is a stop of this team at the visit's venue — the tablet
    /// names the stop it carries out, so this is exact even when officers stand in for each other;</item>
    /// <item>a visit of the operation whose stop no longer exists (the plan was edited afterwards), when one of the team's
    /// officers was on it;</item>
    /// <item>an ad-hoc or complaint visit (no stop, no operation) checked in during the operation, from its start until two
    /// hours after its end, when one of the team's officers was on it — a venue the team found on its route.</item>
    /// </list>
    /// </summary>
    private async Task<List<Guid>> TeamVisitIdsAsync(PrintTeam team, CancellationToken ct)
    {
        var op = await db.Set<PlannedOperationRecord>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == team.OperationId, ct);
        if (op?.Teams.FirstOrDefault(t => t.Number == team.Number) is not { } members)
        {
            return [];
        }
        var stops = (await db.Set<PlannedVisitRecord>().AsNoTracking().Where(v => v.OperationId == op.Id)
                .Select(v => new { v.TeamNumber, v.Sequence, v.VenueId }).ToListAsync(ct))
            .ToDictionary(v => PlannedVisitIds.Of(op.Id, v.TeamNumber, v.Sequence), v => (v.TeamNumber, v.VenueId));
        var china = TimeSpan.FromHours(8);
        var start = new DateTimeOffset(op.Date.ToDateTime(op.Start), china).ToUniversalTime();
        var end = (new DateTimeOffset((op.End <= op.Start ? op.Date.AddDays(1) : op.Date).ToDateTime(op.End), china) + Overrun).ToUniversalTime();
        var officers = members.OfficerIds.ToArray();
        var candidates = await db.Set<Visit>().IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.PlannedOperationId == op.Id
                || (v.PlannedOperationId == null && v.PlannedVisitId == null && (v.Kind == VisitKind.AdHoc || v.Kind == VisitKind.Complaint)
                    && v.CheckinAt >= start && v.CheckinAt < end && v.OfficerIds.Any(o => officers.Contains(o))))
            .Select(v => new { v.Id, v.PlannedVisitId, v.VenueId, v.OfficerIds })
            .ToListAsync(ct);
        return [.. candidates.Where(v => v.PlannedVisitId is { } stop && stops.TryGetValue(stop, out var s) && s.VenueId == v.VenueId
                ? s.TeamNumber == team.Number
                : v.OfficerIds.Intersect(officers).Any())
            .Select(v => v.Id)];
    }
}
