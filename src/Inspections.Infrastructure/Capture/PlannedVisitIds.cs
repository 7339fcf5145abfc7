using Inspections.Domain.Planning;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Planning;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Capture;

/// <summary>
/// <c>planned_visits</c> is keyed by (operation, team, sequence); the tablet gets one name-based id per stop
/// (UUID v8 over "planned-visit:{operation}:{team}:{sequence}"), the same on every server and every call.
/// </summary>
public static class PlannedVisitIds
{
    public static Guid Of(Guid operationId, int teamNumber, int sequence) =>
        CanonicalId.Derive($"planned-visit:{operationId:D}:{teamNumber}:{sequence}");

    /// <summary>The operation of the stop <paramref name="plannedVisitId"/> at <paramref name="venueId"/>; null when there is none.</summary>
    public static async Task<Guid?> OperationOfAsync(InspectionsDbContext db, Guid plannedVisitId, Guid venueId, CancellationToken ct)
    {
        var stops = await db.Set<PlannedVisitRecord>().AsNoTracking().Where(v => v.VenueId == venueId)
            .Select(v => new { v.OperationId, v.TeamNumber, v.Sequence }).ToListAsync(ct);
        return stops.FirstOrDefault(v => Of(v.OperationId, v.TeamNumber, v.Sequence) == plannedVisitId)?.OperationId;
    }
}
