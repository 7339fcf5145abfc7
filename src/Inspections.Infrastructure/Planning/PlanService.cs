using Inspections.Domain.Planning;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Planning;

public sealed record PlanSummary(
    Guid Id, Guid StreetJurisdictionId, string? StreetName, int Year, int Month, PlanStatus Status, string Seed, string InputFingerprint,
    string Algorithm, int Operations, int Visits, DateTimeOffset CreatedAt, string CreatedBy, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? ApprovalReason, uint Version);

public sealed record PlanReasonDto(string Code, int? Value, string Chinese, string English);

public sealed record PlanVisitDto(
    int Sequence, Guid VenueId, string? VenueName, string? VenueAddress, DateTime ArrivalAt, int DurationMinutes, int TravelMetres,
    int TravelMinutes, IReadOnlyList<PlanReasonDto> Reasons);

public sealed record PlanOfficerDto(Guid Id, string? Name, string? Department);

public sealed record PlanTeamDto(int Number, IReadOnlyList<PlanOfficerDto> Officers, IReadOnlyList<PlanVisitDto> Visits);

public sealed record PlanOperationDto(
    Guid Id, int Number, Guid JurisdictionId, string? JurisdictionName, DateOnly Date, TimeOnly Start, TimeOnly End, OperationKind Kind,
    IReadOnlyList<PlanTeamDto> Teams);

public sealed record PlanDetails(PlanSummary Plan, IReadOnlyList<PlanOperationDto> Operations, IReadOnlyList<UnplannedVisit> Unplanned);

/// <summary>Reads, approves and replays stored plans. Reads are limited to the streets in the user's scope.</summary>
public sealed class PlanService(InspectionsDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanSummary>> ListAsync(int? year, int? month, CancellationToken ct)
    {
        var q = Visible();
        if (year is { } y)
        {
            q = q.Where(p => p.Year == y);
        }
        if (month is { } m)
        {
            q = q.Where(p => p.Month == m);
        }
        var plans = await q.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).ThenBy(p => p.StreetJurisdictionId)
            .Select(p => new
            {
                Plan = p,
                Street = db.Jurisdictions.Where(j => j.Id == p.StreetJurisdictionId).Select(j => j.Name).FirstOrDefault(),
                Operations = db.Set<PlannedOperationRecord>().Count(o => o.PlanId == p.Id),
                Visits = db.Set<PlannedVisitRecord>().Count(v => v.PlanId == p.Id),
            })
            .ToListAsync(ct);
        return [.. plans.Select(x => Summary(x.Plan, x.Street, x.Operations, x.Visits))];
    }

    public async Task<PlanDetails?> GetAsync(Guid id, CancellationToken ct)
    {
        var plan = await Visible().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }
        var street = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == plan.StreetJurisdictionId).Select(j => j.Name).FirstOrDefaultAsync(ct);
        var operations = await db.Set<PlannedOperationRecord>().AsNoTracking().Where(o => o.PlanId == id).OrderBy(o => o.Number).ToListAsync(ct);
        var visits = await db.Set<PlannedVisitRecord>().AsNoTracking().Where(v => v.PlanId == id).ToListAsync(ct);

        // Names come from the registry as it is now; the plan itself stores only ids.
        var venueIds = visits.Select(v => v.VenueId).Distinct().ToArray();
        var venues = await db.Venues.IgnoreQueryFilters().AsNoTracking().Where(v => venueIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Name, v.Address }).ToDictionaryAsync(v => v.Id, ct);
        var officerIds = operations.SelectMany(o => o.Teams).SelectMany(t => t.OfficerIds).Distinct().ToArray();
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id))
            .Join(db.Departments.IgnoreQueryFilters(), o => o.DepartmentId, d => d.Id, (o, d) => new { o.Id, o.Name, Department = d.Name })
            .ToDictionaryAsync(o => o.Id, ct);
        var communityIds = operations.Select(o => o.JurisdictionId).Distinct().ToArray();
        var communities = await db.Jurisdictions.IgnoreQueryFilters().Where(j => communityIds.Contains(j.Id))
            .ToDictionaryAsync(j => j.Id, j => j.Name, ct);

        var byTeam = visits.ToLookup(v => (v.OperationId, v.TeamNumber));
        var dtos = operations.Select(o => new PlanOperationDto(
            o.Id, o.Number, o.JurisdictionId, communities.GetValueOrDefault(o.JurisdictionId), o.Date, o.Start, o.End, o.Kind,
            [.. o.Teams.OrderBy(t => t.Number).Select(t => new PlanTeamDto(
                t.Number,
                [.. t.OfficerIds.Select(i => officers.TryGetValue(i, out var x) ? new PlanOfficerDto(i, x.Name, x.Department) : new PlanOfficerDto(i, null, null))],
                [.. byTeam[(o.Id, t.Number)].OrderBy(v => v.Sequence).Select(v => new PlanVisitDto(
                    v.Sequence, v.VenueId, venues.GetValueOrDefault(v.VenueId)?.Name, venues.GetValueOrDefault(v.VenueId)?.Address,
                    v.ArrivalAt, v.DurationMinutes, v.TravelMetres, v.TravelMinutes,
                    [.. v.Reasons.Select(r => new PlanReasonDto(r.Code, r.Value, r.Chinese(), r.English()))]))]))]))
            .ToList();
        return new PlanDetails(Summary(plan, street, operations.Count, visits.Count), dtos, PlanningJson.Deserialize<List<UnplannedVisit>>(plan.Unplanned));
    }

    /// <summary>Approves a draft whose row version is <paramref name="expectedVersion"/>; null when not found or not visible.</summary>
    public async Task<MonthlyPlanRecord?> ApproveAsync(Guid id, uint expectedVersion, string? reason, CancellationToken ct)
    {
        var plan = await Visible().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }
        if (plan.Version != expectedVersion)
        {
            throw new DbUpdateConcurrencyException($"The plan changed (version {plan.Version}).");
        }
        plan.Approve(user.UserName, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>Re-runs the planner on the stored input and seed and compares with the stored plan; null when not found.</summary>
    public async Task<ReplayResult?> ReplayAsync(Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        if (loaded is null)
        {
            return null;
        }
        // The lead's recorded edits are applied after the draw: an edited plan verifies as "draw + these edits".
        var edits = await db.Set<MonthlyPlanRecord>().Where(p => p.Id == id).Select(p => p.Edits).SingleAsync(ct);
        return PlanReplay.Verify(loaded.Value.Input, loaded.Value.Plan, [.. PlanningJson.Deserialize<List<PlanEditLogEntry>>(edits).Select(e => e.Edit)]);
    }

    /// <summary>The stored input and the stored plan rebuilt in the planner's shape (for replay and <see cref="PlanValidator"/>).</summary>
    public async Task<(PlanningInput Input, MonthlyPlan Plan)?> LoadAsync(Guid id, CancellationToken ct)
    {
        var record = await Visible().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var input = RecordedInputDocument.Read(record.Input, record.UnsignedSeed);
        var operations = await db.Set<PlannedOperationRecord>().AsNoTracking().Where(o => o.PlanId == id).OrderBy(o => o.Number).ToListAsync(ct);
        var visits = (await db.Set<PlannedVisitRecord>().AsNoTracking().Where(v => v.PlanId == id).ToListAsync(ct))
            .ToLookup(v => (v.OperationId, v.TeamNumber));
        var plan = new MonthlyPlan(
            record.PlanningMonth,
            record.UnsignedSeed,
            record.InputFingerprint,
            record.Algorithm,
            [.. operations.Select(o => new PlannedOperation(
                o.Id, o.Number, o.JurisdictionId, o.Date, o.Start, o.End, o.Kind,
                [.. o.Teams.OrderBy(t => t.Number).Select(t => new PlannedTeam(
                    t.Number, t.OfficerIds, [.. visits[(o.Id, t.Number)].OrderBy(v => v.Sequence).Select(v => v.ToPlanned())]))]))],
            PlanningJson.Deserialize<List<UnplannedVisit>>(record.Unplanned),
            PlanningJson.Deserialize<List<DrawRecord>>(record.DrawLog));
        return (input, plan);
    }

    private IQueryable<MonthlyPlanRecord> Visible()
    {
        var scope = db.Scope;
        if (scope.IsUnrestricted)
        {
            return db.Set<MonthlyPlanRecord>();
        }
        var readable = scope.ReadableJurisdictionIds.ToArray();
        return db.Set<MonthlyPlanRecord>().Where(p => readable.Contains(p.StreetJurisdictionId));
    }

    private static PlanSummary Summary(MonthlyPlanRecord p, string? street, int operations, int visits) => new(
        p.Id, p.StreetJurisdictionId, street, p.Year, p.Month, p.Status,
        p.UnsignedSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), p.InputFingerprint, p.Algorithm, operations, visits,
        p.CreatedAt, p.CreatedBy, p.ApprovedBy, p.ApprovedAt, p.ApprovalReason, p.Version);
}
