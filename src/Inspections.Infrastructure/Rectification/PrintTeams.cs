using Inspections.Domain.Capture;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Planning;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

/// <summary>One team of a planned joint operation, as offered for batch printing.</summary>
public sealed record PrintTeamOption(
    Guid OperationId, int Number, DateOnly Date, TimeOnly Start, TimeOnly End, OperationKind Kind, int OperationNumber,
    string? Community, IReadOnlyList<string> Officers);

/// <summary>
/// The plan teams a user may print for: teams of operations in the user's own jurisdictions (planned operations carry the
/// community they cover), from approved plans or — for superseded plans — operations that visits were made under.
/// </summary>
public sealed class PrintTeams(InspectionsDbContext db, IUserScope scope)
{
    /// <summary>Teams of operations dated <paramref name="from"/>..<paramref name="to"/>, in date, start and team order.</summary>
    public async Task<IReadOnlyList<PrintTeamOption>> ListAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var operations = await Operations()
            .Where(o => o.Date >= from && o.Date <= to)
            .Where(o => db.Set<MonthlyPlanRecord>().Any(p => p.Id == o.PlanId && p.Status == PlanStatus.Approved)
                || db.Set<Visit>().IgnoreQueryFilters().Any(v => v.PlannedOperationId == o.Id))
            .OrderBy(o => o.Date).ThenBy(o => o.Start).ThenBy(o => o.Number)
            .Take(500)
            .ToListAsync(ct);
        return await OptionsAsync(operations, null, ct);
    }

    /// <summary>The team, or null when there is no such operation or team, or it lies outside the user's jurisdictions.</summary>
    public async Task<PrintTeamOption?> FindAsync(PrintTeam team, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(team);
        var operation = await Operations().FirstOrDefaultAsync(o => o.Id == team.OperationId, ct);
        return operation is null ? null : (await OptionsAsync([operation], team.Number, ct)).FirstOrDefault();
    }

    private IQueryable<PlannedOperationRecord> Operations()
    {
        var q = db.Set<PlannedOperationRecord>().AsNoTracking();
        if (scope.IsUnrestricted)
        {
            return q;
        }
        var owned = scope.JurisdictionIds.ToArray();
        return q.Where(o => owned.Contains(o.JurisdictionId));
    }

    private async Task<IReadOnlyList<PrintTeamOption>> OptionsAsync(IReadOnlyList<PlannedOperationRecord> operations, int? number, CancellationToken ct)
    {
        var officerIds = operations.SelectMany(o => o.Teams).SelectMany(t => t.OfficerIds).Distinct().ToList();
        var names = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var communityIds = operations.Select(o => o.JurisdictionId).Distinct().ToList();
        var communities = await db.Jurisdictions.IgnoreQueryFilters().AsNoTracking().Where(j => communityIds.Contains(j.Id))
            .ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        return [.. operations.SelectMany(o => o.Teams.Where(t => number is null || t.Number == number).OrderBy(t => t.Number).Select(t =>
            new PrintTeamOption(o.Id, t.Number, o.Date, o.Start, o.End, o.Kind, o.Number, communities.GetValueOrDefault(o.JurisdictionId),
                [.. t.OfficerIds.Select(id => names.GetValueOrDefault(id) ?? "?")])))];
    }
}
