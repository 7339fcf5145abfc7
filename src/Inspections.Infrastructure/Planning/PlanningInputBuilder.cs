using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// Reads the registry into the planner's input for one street and month: four set-based queries (communities,
/// operating venues, officers, conflicts), raw SQL because they run unrestricted inside the planning job.
/// Inspection history does not exist yet: <see cref="PlanningVenue.LastInspectedOn"/>, open rectifications, overdue
/// deadlines and complaints are left at "none" in <see cref="ReadVenue"/> until the capture and rectification
/// features store them.
/// </summary>
public sealed class PlanningInputBuilder(InspectionsDbContext db)
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
        var connection = await OpenAsync(ct);
        var communities = await CommunitiesAsync(connection, streetId, ct);
        var venues = await VenuesAsync(connection, streetId, ct);
        var officers = await OfficersAsync(connection, streetId, month, ct);
        var conflicts = await ConflictsAsync(connection, streetId, ct);
        return new PlanningInput(month, seed, settings, communities, venues, officers, conflicts);
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

    private static async Task<List<PlanningJurisdiction>> CommunitiesAsync(NpgsqlConnection c, Guid streetId, CancellationToken ct)
    {
        // Route start: a point inside the boundary (a centroid can fall outside a concave community), or without a
        // boundary the centre of its venues.
        const string sql = """
            SELECT j.id, j.code, j.name, p.x, p.y
            FROM jurisdictions j
            CROSS JOIN LATERAL (
                SELECT coalesce(ST_PointOnSurface(j.boundary),
                                (SELECT ST_Centroid(ST_Collect(v.location::geometry)) FROM venues v WHERE v.jurisdiction_id = j.id)) AS pt
            ) s
            CROSS JOIN LATERAL (SELECT ST_X(s.pt) AS x, ST_Y(s.pt) AS y) p
            WHERE j.parent_id = @street AND j.level = 'Community' AND s.pt IS NOT NULL
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("street", streetId);
        var list = new List<PlanningJurisdiction>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new PlanningJurisdiction(r.GetGuid(0), r.GetString(1), r.GetString(2), streetId, r.GetDouble(3), r.GetDouble(4)));
        }
        return list;
    }

    private static async Task<List<PlanningVenue>> VenuesAsync(NpgsqlConnection c, Guid streetId, CancellationToken ct)
    {
        const string sql = """
            SELECT v.id, v.jurisdiction_id, v.type, v.risk_class, ST_X(v.location::geometry), ST_Y(v.location::geometry),
                   v.opening_hours, v.is_night_venue, v.distance_rule_breached IS NOT NULL, v.nearest_school_distance_metres
            FROM venues v
            JOIN jurisdictions j ON j.id = v.jurisdiction_id
            WHERE j.parent_id = @street AND j.level = 'Community' AND v.status = 'Operating'
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("street", streetId);
        var list = new List<PlanningVenue>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(ReadVenue(r));
        }
        return list;
    }

    private static PlanningVenue ReadVenue(NpgsqlDataReader r)
    {
        OpeningHours.TryParse(r.IsDBNull(6) ? null : r.GetString(6), out var hours);
        return new PlanningVenue(
            r.GetGuid(0),
            r.GetGuid(1),
            Enum.Parse<VenueType>(r.GetString(2)),
            Enum.Parse<RiskClass>(r.GetString(3)),
            r.GetDouble(4),
            r.GetDouble(5))
        {
            OpeningHours = hours,
            IsNightVenue = r.GetBoolean(7),
            Status = VenueStatus.Operating,
            BreachesSchoolDistanceRule = r.GetBoolean(8),
            NearestSchoolMetres = r.IsDBNull(9) ? null : r.GetDouble(9),
            // Seam: inspections, rectifications and complaints are not stored yet.
            LastInspectedOn = null,
            HasOpenRectification = false,
            HasOverdueDeadline = false,
            ComplaintCount = 0,
        };
    }

    private static async Task<List<PlanningOfficer>> OfficersAsync(NpgsqlConnection c, Guid streetId, PlanningMonth month, CancellationToken ct)
    {
        // Officers of the street's departments; those on leave are kept (so the input shows them) but unavailable all month.
        const string sql = """
            SELECT o.id, d.kind, o.status
            FROM officers o
            JOIN departments d ON d.id = o.department_id
            WHERE d.jurisdiction_id = @street AND o.status IN ('Active', 'OnLeave')
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("street", streetId);
        DateOnly[] wholeMonth = [.. Enumerable.Range(0, month.DayCount).Select(d => month.FirstDay.AddDays(d))];
        var list = new List<PlanningOfficer>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var onLeave = Enum.Parse<OfficerStatus>(r.GetString(2)) == OfficerStatus.OnLeave;
            list.Add(new PlanningOfficer(r.GetGuid(0), Enum.Parse<DepartmentKind>(r.GetString(1)), streetId)
            {
                UnavailableDates = onLeave ? wholeMonth : [],
            });
        }
        return list;
    }

    private static async Task<List<OfficerConflict>> ConflictsAsync(NpgsqlConnection c, Guid streetId, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT oc.officer_id, oc.venue_id
            FROM officer_conflicts oc
            JOIN officers o ON o.id = oc.officer_id
            JOIN departments d ON d.id = o.department_id
            WHERE d.jurisdiction_id = @street
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("street", streetId);
        var list = new List<OfficerConflict>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new OfficerConflict(r.GetGuid(0), r.GetGuid(1)));
        }
        return list;
    }
}
