using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Map;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// Reads the registry into the planner's input for one street and month: four set-based queries (communities,
/// operating venues with their inspection history, officers, conflicts), raw SQL because they run unrestricted inside
/// the planning job. History per venue: the local date of its last inspection (visits that are not conflicts), whether
/// a rectification notice is open, and whether one is overdue as of the day the plan is drawn (the same rules as the
/// map's status, ADR 11). There is no complaint register yet, so <see cref="PlanningVenue.ComplaintCount"/> stays 0.
/// </summary>
public sealed class PlanningInputBuilder(InspectionsDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<Guid>> StreetIdsAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT id FROM jurisdictions WHERE level = 'Street' ORDER BY code, id", connection);
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    public async Task<PlanningInput> BuildAsync(Guid streetId, PlanningMonth month, ulong seed, PlanningSettings settings, CancellationToken ct)
    {
        var registry = await ReadAsync(streetId, month, ct);
        return Compose(registry.GetValueOrDefault(streetId) ?? StreetRegistry.Empty, month, seed, settings);
    }

    /// <summary>
    /// The registry of every street at once (one pass over the venue table instead of one per street), for the
    /// monthly job; each street's plan is then composed from its part with <see cref="Compose"/>.
    /// </summary>
    public Task<IReadOnlyDictionary<Guid, StreetRegistry>> ReadDistrictAsync(PlanningMonth month, CancellationToken ct) =>
        ReadAsync(null, month, ct);

    public static PlanningInput Compose(StreetRegistry registry, PlanningMonth month, ulong seed, PlanningSettings settings) =>
        new(month, seed, settings, registry.Communities, registry.Venues, registry.Officers, registry.Conflicts);

    private async Task<IReadOnlyDictionary<Guid, StreetRegistry>> ReadAsync(Guid? streetId, PlanningMonth month, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        var today = VenueStatusSql.Today(clock.GetUtcNow());
        var communities = await CommunitiesAsync(connection, streetId, ct);
        var venues = await VenuesAsync(connection, streetId, today, ct);
        var officers = await OfficersAsync(connection, streetId, month, ct);
        var conflicts = await ConflictsAsync(connection, streetId, ct);
        var c = communities.ToLookup(x => x.Street, x => x.Value);
        var v = venues.ToLookup(x => x.Street, x => x.Value);
        var o = officers.ToLookup(x => x.Street, x => x.Value);
        var x = conflicts.ToLookup(x => x.Street, x => x.Value);
        return c.Select(g => g.Key).Concat(v.Select(g => g.Key)).Concat(o.Select(g => g.Key)).Distinct()
            .ToDictionary(street => street, street => new StreetRegistry([.. c[street]], [.. v[street]], [.. o[street]], [.. x[street]]));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        return connection;
    }

    private static async Task<List<(Guid Street, PlanningJurisdiction Value)>> CommunitiesAsync(NpgsqlConnection c, Guid? streetId, CancellationToken ct)
    {
        // Route start: a point inside the boundary (a centroid can fall outside a concave community), or without a
        // boundary the centre of its venues.
        const string sql = """
            SELECT j.id, j.code, j.name, p.x, p.y, j.parent_id
            FROM jurisdictions j
            CROSS JOIN LATERAL (
                SELECT coalesce(ST_PointOnSurface(j.boundary),
                                (SELECT ST_Centroid(ST_Collect(v.location::geometry)) FROM venues v WHERE v.jurisdiction_id = j.id)) AS pt
            ) s
            CROSS JOIN LATERAL (SELECT ST_X(s.pt) AS x, ST_Y(s.pt) AS y) p
            WHERE (@street::uuid IS NULL OR j.parent_id = @street) AND j.parent_id IS NOT NULL AND j.level = 'Community' AND s.pt IS NOT NULL
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.Add(StreetParameter(streetId));
        var list = new List<(Guid, PlanningJurisdiction)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var street = r.GetGuid(5);
            list.Add((street, new PlanningJurisdiction(r.GetGuid(0), r.GetString(1), r.GetString(2), street, r.GetDouble(3), r.GetDouble(4))));
        }
        return list;
    }

    private static async Task<List<(Guid Street, PlanningVenue Value)>> VenuesAsync(NpgsqlConnection c, Guid? streetId, DateOnly today, CancellationToken ct)
    {
        // History comes from two grouped passes joined by hash (one pass over each table) rather than two index probes
        // per venue: at 100,000 venues the probes cost twice the venue scan itself.
        const string sql = $"""
            SELECT v.id, v.jurisdiction_id, v.type, v.risk_class, ST_X(v.location::geometry), ST_Y(v.location::geometry),
                   v.opening_hours, v.is_night_venue, v.distance_rule_breached IS NOT NULL, v.nearest_school_distance_metres,
                   (h.last_at AT TIME ZONE 'Asia/Shanghai')::date, n.venue_id IS NOT NULL, coalesce(n.overdue, false), j.parent_id
            FROM venues v
            JOIN jurisdictions j ON j.id = v.jurisdiction_id
            LEFT JOIN (
                SELECT x.venue_id, max(x.checkin_at) AS last_at FROM visits x WHERE x.status <> 'Conflict' GROUP BY x.venue_id) h
                ON h.venue_id = v.id
            LEFT JOIN (
                SELECT sn.venue_id, bool_or(sn.status IN ('Overdue', 'Escalated') OR sn.deadline < @today) AS overdue
                FROM rectification_notices sn
                WHERE sn.status IN ({VenueStatusSql.OpenNoticeStatuses})
                GROUP BY sn.venue_id) n
                ON n.venue_id = v.id
            WHERE (@street::uuid IS NULL OR j.parent_id = @street) AND j.parent_id IS NOT NULL AND j.level = 'Community' AND v.status = 'Operating'
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.Add(StreetParameter(streetId));
        cmd.Parameters.AddWithValue("today", today);
        var list = new List<(Guid, PlanningVenue)>();
        // A district has a handful of distinct opening hours: parse each text once.
        var hours = new Dictionary<string, OpeningHours?>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add((r.GetGuid(13), ReadVenue(r, hours)));
        }
        return list;
    }

    private static PlanningVenue ReadVenue(NpgsqlDataReader r, Dictionary<string, OpeningHours?> hours)
    {
        OpeningHours? opening = null;
        if (!r.IsDBNull(6))
        {
            var text = r.GetString(6);
            if (!hours.TryGetValue(text, out opening))
            {
                OpeningHours.TryParse(text, out opening);
                hours[text] = opening;
            }
        }
        return new PlanningVenue(
            r.GetGuid(0),
            r.GetGuid(1),
            Enum.Parse<VenueType>(r.GetString(2)),
            Enum.Parse<RiskClass>(r.GetString(3)),
            r.GetDouble(4),
            r.GetDouble(5))
        {
            OpeningHours = opening,
            IsNightVenue = r.GetBoolean(7),
            Status = VenueStatus.Operating,
            BreachesSchoolDistanceRule = r.GetBoolean(8),
            NearestSchoolMetres = r.IsDBNull(9) ? null : r.GetDouble(9),
            LastInspectedOn = r.IsDBNull(10) ? null : DateOnly.FromDateTime(r.GetDateTime(10)),
            HasOpenRectification = r.GetBoolean(11),
            HasOverdueDeadline = r.GetBoolean(12),
            ComplaintCount = 0,
        };
    }

    private static async Task<List<(Guid Street, PlanningOfficer Value)>> OfficersAsync(NpgsqlConnection c, Guid? streetId, PlanningMonth month, CancellationToken ct)
    {
        // Officers of the street's departments; those on leave are kept (so the input shows them) but unavailable all month.
        const string sql = """
            SELECT o.id, d.kind, o.status, d.jurisdiction_id
            FROM officers o
            JOIN departments d ON d.id = o.department_id
            JOIN jurisdictions s ON s.id = d.jurisdiction_id AND s.level = 'Street'
            WHERE (@street::uuid IS NULL OR d.jurisdiction_id = @street) AND o.status IN ('Active', 'OnLeave')
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.Add(StreetParameter(streetId));
        DateOnly[] wholeMonth = [.. Enumerable.Range(0, month.DayCount).Select(d => month.FirstDay.AddDays(d))];
        var list = new List<(Guid, PlanningOfficer)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var onLeave = Enum.Parse<OfficerStatus>(r.GetString(2)) == OfficerStatus.OnLeave;
            var street = r.GetGuid(3);
            list.Add((street, new PlanningOfficer(r.GetGuid(0), Enum.Parse<DepartmentKind>(r.GetString(1)), street)
            {
                UnavailableDates = onLeave ? wholeMonth : [],
            }));
        }
        return list;
    }

    private static async Task<List<(Guid Street, OfficerConflict Value)>> ConflictsAsync(NpgsqlConnection c, Guid? streetId, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT oc.officer_id, oc.venue_id, d.jurisdiction_id
            FROM officer_conflicts oc
            JOIN officers o ON o.id = oc.officer_id
            JOIN departments d ON d.id = o.department_id
            WHERE (@street::uuid IS NULL OR d.jurisdiction_id = @street)
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.Add(StreetParameter(streetId));
        var list = new List<(Guid, OfficerConflict)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add((r.GetGuid(2), new OfficerConflict(r.GetGuid(0), r.GetGuid(1))));
        }
        return list;
    }

    private static NpgsqlParameter StreetParameter(Guid? streetId) =>
        new("street", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = streetId is { } id ? id : DBNull.Value };
}

/// <summary>One street's part of the registry, as the planner reads it (communities, venues with history, officers, conflicts).</summary>
public sealed record StreetRegistry(
    IReadOnlyList<PlanningJurisdiction> Communities,
    IReadOnlyList<PlanningVenue> Venues,
    IReadOnlyList<PlanningOfficer> Officers,
    IReadOnlyList<OfficerConflict> Conflicts)
{
    public static StreetRegistry Empty { get; } = new([], [], [], []);
}
