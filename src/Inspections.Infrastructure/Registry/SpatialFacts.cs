using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Registry;

/// <summary>
/// Derives facts that live in PostGIS: the community containing a venue, its nearest school and the
/// distance rules it breaks. Distances are metres on geography.
/// </summary>
public sealed class SpatialFacts(InspectionsDbContext db, IOptionsMonitor<RegistryOptions> options)
{
    /// <summary>Recomputes the facts of the given venues, or of all venues when <paramref name="venueIds"/> is null.</summary>
    public async Task RefreshVenuesAsync(IReadOnlyCollection<Guid>? venueIds, CancellationToken ct = default)
    {
        var all = venueIds is null;
        var ids = venueIds?.ToArray() ?? [];

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE venues v
            SET jurisdiction_id = COALESCE(
                    (SELECT j.id FROM jurisdictions j
                     WHERE j.level = 'Community' AND ST_Covers(j.boundary, v.location::geometry)
                     ORDER BY j.code LIMIT 1),
                    v.jurisdiction_id),
                nearest_school_id = ns.id,
                nearest_school_distance_metres = round(ns.dist::numeric, 1)::double precision,
                distance_rule_breached = NULL
            FROM venues v2
            LEFT JOIN LATERAL (
                SELECT s.id, ST_Distance(s.location, v2.location) AS dist
                FROM schools s
                ORDER BY s.location <-> v2.location
                LIMIT 1) ns ON TRUE
            WHERE v.id = v2.id AND (@all OR v2.id = ANY(@ids))
            """,
            [new NpgsqlParameter("all", all), new NpgsqlParameter("ids", ids)],
            ct);

        foreach (var rule in options.CurrentValue.DistanceRules)
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE venues v SET distance_rule_breached = @code
                WHERE (@all OR v.id = ANY(@ids)) AND v.type = @type AND v.distance_rule_breached IS NULL
                  AND EXISTS (SELECT 1 FROM schools s
                              WHERE s.kind = ANY(@kinds) AND ST_DWithin(s.location, v.location, @metres))
                """,
                [
                    new NpgsqlParameter("all", all),
                    new NpgsqlParameter("ids", ids),
                    new NpgsqlParameter("code", rule.Code),
                    new NpgsqlParameter("type", rule.VenueType.ToString()),
                    new NpgsqlParameter("kinds", rule.SchoolKinds.Select(k => k.ToString()).ToArray()),
                    new NpgsqlParameter("metres", rule.MinimumMetres),
                ],
                ct);
        }
    }

    /// <summary>
    /// After a school is added, moved or removed: refreshes exactly the venues whose nearest school may change
    /// (those that pointed at it, had none, or lie closer to its new point than to their current nearest one).
    /// </summary>
    public async Task RefreshAroundSchoolAsync(Guid schoolId, double? longitude, double? latitude, CancellationToken ct = default)
    {
        var ruleReach = options.CurrentValue.DistanceRules.Select(r => r.MinimumMetres).DefaultIfEmpty(0).Max();
        var ids = await db.Database.SqlQuery<Guid>(
                $"""
                SELECT id AS "Value" FROM venues v
                WHERE v.nearest_school_id = {schoolId} OR v.nearest_school_id IS NULL
                   OR ({longitude} IS NOT NULL AND ST_DWithin(v.location,
                        ST_SetSRID(ST_MakePoint({longitude}, {latitude}), 4326)::geography,
                        GREATEST(coalesce(v.nearest_school_distance_metres, 0), {ruleReach}) + 1))
                """)
            .ToListAsync(ct);
        if (ids.Count > 0)
        {
            await RefreshVenuesAsync(ids, ct);
        }
    }

    /// <summary>The facts of a venue that would stand at the given point, computed before it is saved.</summary>
    public async Task<PointFacts> ForPointAsync(Domain.Registry.VenueType type, double longitude, double latitude, CancellationToken ct = default)
    {
        var row = await db.Database.SqlQuery<PointFactsRow>(
                $"""
                SELECT (SELECT j.id FROM jurisdictions j
                        WHERE j.level = 'Community' AND ST_Covers(j.boundary, q.p::geometry)
                        ORDER BY j.code LIMIT 1) AS jurisdiction_id,
                       ns.id AS school_id, ns.dist AS distance
                FROM (SELECT ST_SetSRID(ST_MakePoint({longitude}, {latitude}), 4326)::geography AS p) q
                LEFT JOIN LATERAL (SELECT s.id, ST_Distance(s.location, q.p) AS dist FROM schools s
                                   ORDER BY s.location <-> q.p LIMIT 1) ns ON TRUE
                """)
            .SingleAsync(ct);

        string? breached = null;
        foreach (var rule in options.CurrentValue.DistanceRules.Where(r => r.VenueType == type))
        {
            var kinds = rule.SchoolKinds.Select(k => k.ToString()).ToArray();
            var hit = await db.Database.SqlQuery<bool>(
                    $"""
                    SELECT EXISTS (SELECT 1 FROM schools s WHERE s.kind = ANY({kinds})
                        AND ST_DWithin(s.location, ST_SetSRID(ST_MakePoint({longitude}, {latitude}), 4326)::geography, {rule.MinimumMetres})) AS "Value"
                    """)
                .SingleAsync(ct);
            if (hit)
            {
                breached = rule.Code;
                break;
            }
        }
        return new PointFacts(row.JurisdictionId, row.SchoolId, row.Distance, breached);
    }

    /// <summary>Communities whose boundary covers the point (normally one).</summary>
    public Task<List<Guid>> CommunitiesContainingAsync(double longitude, double latitude, CancellationToken ct = default) =>
        db.Database.SqlQuery<Guid>(
                $"""
                SELECT id AS "Value" FROM jurisdictions
                WHERE level = 'Community' AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint({longitude}, {latitude}), 4326))
                ORDER BY code
                """)
            .ToListAsync(ct);
}

public sealed record PointFacts(Guid? CommunityId, Guid? NearestSchoolId, double? NearestSchoolDistanceMetres, string? DistanceRuleBreached);

internal sealed class PointFactsRow
{
    public Guid? JurisdictionId { get; set; }

    public Guid? SchoolId { get; set; }

    public double? Distance { get; set; }
}
