using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Registry;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Infrastructure.Map;

/// <summary>
/// The map's reads, all raw SQL on PostGIS. Raw SQL does not see the EF query filters, so every statement is limited
/// explicitly to the user's owned jurisdictions (<c>@all OR jurisdiction_id = ANY(@jids)</c>, from <see cref="IUserScope"/>);
/// a user without jurisdictions sees nothing (ADR 9). Tiles read the stored <c>venues.location_3857</c> column
/// (generated, GiST-indexed, migration AddMapTiles) so no point is transformed per request (ADR 16).
/// </summary>
public sealed class MapQueries(NpgsqlDataSource dataSource, IUserScope scope, IOptions<MapOptions> options, IOptions<RegistryOptions> registry, TimeProvider clock)
{
    public const int Extent = 4096;
    public const int MaxZoom = 22;
    private const double WorldMetres = 40075016.68557849;

    private MapOptions Options => options.Value;

    /// <summary>One Mapbox vector tile (layer <c>venues</c>): single venues above <see cref="MapOptions.ClusterMaxZoom"/>, grid clusters up to it.</summary>
    public async Task<byte[]> TileAsync(int z, int x, int y, MapFilter filter, bool gcj02, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var relations = await VenueStatusSql.RelationsAsync(connection, ct);
        await using var cmd = TileCommand(connection, relations, z, x, y, filter, gcj02);
        var result = await cmd.ExecuteScalarAsync(ct);
        return result as byte[] ?? [];
    }

    /// <summary>The tile statement (public for the benchmark, which times the same SQL without HTTP).</summary>
    public NpgsqlCommand TileCommand(NpgsqlConnection connection, StatusRelations relations, int z, int x, int y, MapFilter filter, bool gcj02)
    {
        var cmd = new NpgsqlCommand { Connection = connection };
        var where = Where(cmd, filter);
        var tileMetres = WorldMetres / Math.Pow(2, z);
        cmd.Parameters.AddWithValue("z", z);
        cmd.Parameters.AddWithValue("x", x);
        cmd.Parameters.AddWithValue("y", y);
        // GCJ-02 moves points by up to ~700 m: widen the index search, then shift and clip exactly.
        var searchMargin = gcj02 ? Math.Max(1000 / tileMetres, 8.0 / 256) : 8.0 / 256;
        cmd.Parameters.AddWithValue("margin", searchMargin);
        var geometry = gcj02 ? "ST_Transform(map_wgs84_to_gcj02(v.location::geometry), 3857)" : "v.location_3857";
        var status = VenueStatusSql.Expression("v", relations);
        VenueStatusSql.AddParameters(cmd, clock.GetUtcNow());
        string sql;
        if (z <= Options.ClusterMaxZoom)
        {
            var cell = tileMetres * Options.ClusterCellPixels / 256.0;
            cmd.Parameters.AddWithValue("cell", cell);
            sql = $"""
                WITH s AS (
                    SELECT v.id, {status} AS status, v.distance_rule_breached IS NOT NULL AS breach, {geometry} AS g
                    FROM venues v
                    WHERE v.location_3857 && ST_TileEnvelope(@z, @x, @y, margin => @margin) AND {where.Venue}
                ), f AS (
                    SELECT * FROM s WHERE s.g && ST_TileEnvelope(@z, @x, @y) {where.Status}
                ), c AS (
                    SELECT count(*) AS n, mode() WITHIN GROUP (ORDER BY f.status) AS status, bool_or(f.breach) AS breach,
                           min(f.id::text) AS id, ST_Centroid(ST_Collect(f.g)) AS g
                    FROM f GROUP BY floor(ST_X(f.g) / @cell), floor(ST_Y(f.g) / @cell)
                )
                SELECT ST_AsMVT(t, 'venues', {Extent}, 'geom') FROM (
                    SELECT CASE WHEN c.n = 1 THEN c.id END AS id, c.n::int AS count, c.status, c.breach,
                           ST_AsMVTGeom(c.g, ST_TileEnvelope(@z, @x, @y), {Extent}, 64, true) AS geom
                    FROM c
                ) t
                """;
        }
        else
        {
            sql = $"""
                WITH s AS (
                    SELECT v.id, v.type, v.risk_class, {status} AS status, v.distance_rule_breached IS NOT NULL AS breach, {geometry} AS g
                    FROM venues v
                    WHERE v.location_3857 && ST_TileEnvelope(@z, @x, @y, margin => @margin) AND {where.Venue}
                )
                SELECT ST_AsMVT(t, 'venues', {Extent}, 'geom') FROM (
                    SELECT s.id::text AS id, 1 AS count, s.type, s.risk_class AS risk, s.status, s.breach,
                           ST_AsMVTGeom(s.g, ST_TileEnvelope(@z, @x, @y), {Extent}, 64, true) AS geom
                    FROM s WHERE s.g && ST_TileEnvelope(@z, @x, @y, margin => {64.0 / Extent}) {where.Status}
                ) t
                """;
        }
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>
    /// What a click at (lon, lat) hits at zoom <paramref name="z"/> (WGS-84; on a GCJ-02 base map the caller converts
    /// back first): the nearest visible venue within ~12 px, or, at cluster zooms, the cluster there.
    /// </summary>
    public async Task<MapClickResult?> ClickAsync(double lon, double lat, int z, MapFilter filter, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var relations = await VenueStatusSql.RelationsAsync(connection, ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        var where = Where(cmd, filter);
        VenueStatusSql.AddParameters(cmd, clock.GetUtcNow());
        var pixel = WorldMetres / Math.Pow(2, z) / 256.0;
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        var status = VenueStatusSql.Expression("v", relations);
        if (z <= Options.ClusterMaxZoom)
        {
            // The cluster cell under the click, computed as the tile does.
            var cell = WorldMetres / Math.Pow(2, z) * Options.ClusterCellPixels / 256.0;
            cmd.Parameters.AddWithValue("cell", cell);
            cmd.CommandText = $"""
                WITH p AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 3857) AS g),
                box AS (SELECT ST_MakeEnvelope(floor(ST_X(p.g) / @cell) * @cell, floor(ST_Y(p.g) / @cell) * @cell,
                               (floor(ST_X(p.g) / @cell) + 1) * @cell, (floor(ST_Y(p.g) / @cell) + 1) * @cell, 3857) AS e FROM p),
                s AS (SELECT v.id, {status} AS status, v.location_3857 AS g FROM venues v, box WHERE v.location_3857 && box.e AND {where.Venue})
                SELECT count(*)::int, ST_X(ST_Transform(ST_Centroid(ST_Collect(s.g)), 4326)), ST_Y(ST_Transform(ST_Centroid(ST_Collect(s.g)), 4326)), min(s.id::text)
                FROM s WHERE true {where.Status}
                """;
            int count;
            double cx, cy;
            string? only;
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                await r.ReadAsync(ct);
                count = r.GetInt32(0);
                if (count == 0)
                {
                    return null;
                }
                (cx, cy, only) = (r.GetDouble(1), r.GetDouble(2), r.GetString(3));
            }
            if (count > 1)
            {
                return new MapClickResult(true, count, cx, cy, null);
            }
            var single = await PopupAsync(connection, relations, Guid.Parse(only), ct);
            return single is null ? null : new MapClickResult(false, 1, single.Lon, single.Lat, single);
        }
        cmd.Parameters.AddWithValue("tolerance", pixel * 12);
        cmd.CommandText = $"""
            WITH p AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 3857) AS g),
            s AS (
                SELECT v.id, {status} AS status, v.location_3857 <-> p.g AS d FROM venues v, p
                WHERE ST_DWithin(v.location_3857, p.g, @tolerance) AND {where.Venue}
            )
            SELECT s.id FROM s WHERE true {where.Status} ORDER BY s.d LIMIT 1
            """;
        var id = await cmd.ExecuteScalarAsync(ct);
        if (id is not Guid venueId)
        {
            return null;
        }
        var popup = await PopupAsync(connection, relations, venueId, ct);
        return popup is null ? null : new MapClickResult(false, 1, popup.Lon, popup.Lat, popup);
    }

    /// <summary>The popup of one venue of the user's jurisdictions; null when it is not theirs (or does not exist).</summary>
    public async Task<MapVenuePopup?> PopupAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var relations = await VenueStatusSql.RelationsAsync(connection, ct);
        return await PopupAsync(connection, relations, id, ct);
    }

    private async Task<MapVenuePopup?> PopupAsync(NpgsqlConnection connection, StatusRelations relations, Guid id, CancellationToken ct)
    {
        MapVenuePopup popup;
        await using (var cmd = new NpgsqlCommand { Connection = connection })
        {
            AddScope(cmd);
            VenueStatusSql.AddParameters(cmd, clock.GetUtcNow());
            cmd.Parameters.AddWithValue("id", id);
            cmd.CommandText = $"""
                SELECT v.id, v.name, v.type, v.address, v.risk_class, {VenueStatusSql.Expression("v", relations)}, v.distance_rule_breached,
                       v.nearest_school_distance_metres, j.name, ST_X(v.location::geometry), ST_Y(v.location::geometry),
                       (SELECT max(x.submitted_at) FROM {relations.Visits} x WHERE x.venue_id = v.id)
                FROM venues v LEFT JOIN jurisdictions j ON j.id = v.jurisdiction_id
                WHERE v.id = @id AND {ScopeCondition("v")}
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return null;
            }
            popup = new MapVenuePopup(r.GetGuid(0), r.GetString(1), Enum.Parse<VenueType>(r.GetString(2)), r.GetString(3),
                Enum.Parse<RiskClass>(r.GetString(4)), Enum.Parse<MapVenueStatus>(r.GetString(5)), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetDouble(9), r.GetDouble(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), []);
        }
        if (!relations.HasNotices)
        {
            return popup;
        }
        var notices = new List<MapOpenNotice>();
        await using (var cmd = new NpgsqlCommand(
            $"SELECT id, number, status, deadline FROM rectification_notices WHERE venue_id = @id AND status IN ({VenueStatusSql.OpenNoticeStatuses}) ORDER BY deadline, number",
            connection))
        {
            cmd.Parameters.AddWithValue("id", id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                notices.Add(new MapOpenNotice(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
            }
        }
        return popup with { OpenNotices = notices };
    }

    /// <summary>Venues of the user's jurisdictions whose name or address contains <paramref name="text"/>; names first.</summary>
    public async Task<IReadOnlyList<MapSearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        AddScope(cmd);
        cmd.Parameters.AddWithValue("pattern", LikePattern.Contains(text.Trim()));
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 50));
        cmd.CommandText = $"""
            SELECT v.id, v.name, v.address, v.type, ST_X(v.location::geometry), ST_Y(v.location::geometry)
            FROM venues v
            WHERE (v.name ILIKE @pattern OR v.address ILIKE @pattern) AND {ScopeCondition("v")}
            ORDER BY (v.name ILIKE @pattern) DESC, length(v.name), v.name
            LIMIT @limit
            """;
        var hits = new List<MapSearchHit>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            hits.Add(new MapSearchHit(r.GetGuid(0), r.GetString(1), r.GetString(2), Enum.Parse<VenueType>(r.GetString(3)), r.GetDouble(4), r.GetDouble(5)));
        }
        return hits;
    }

    /// <summary>Schools of the user's jurisdictions with the buffer of the distance rules that apply to their kind (Registry:DistanceRules).</summary>
    public async Task<IReadOnlyList<MapSchoolBuffer>> SchoolBuffersAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        AddScope(cmd);
        cmd.CommandText = $"""
            SELECT s.id, s.name, s.kind, ST_X(s.location::geometry), ST_Y(s.location::geometry)
            FROM schools s WHERE {ScopeCondition("s")} ORDER BY s.name
            """;
        var rules = registry.Value.DistanceRules;
        var list = new List<MapSchoolBuffer>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var kind = Enum.Parse<SchoolKind>(r.GetString(2));
            var applying = rules.Where(rule => rule.SchoolKinds.Contains(kind)).ToList();
            list.Add(new MapSchoolBuffer(r.GetGuid(0), r.GetString(1), kind, r.GetDouble(3), r.GetDouble(4),
                applying.Count == 0 ? 0 : applying.Max(a => a.MinimumMetres), [.. applying.Select(a => a.Code)]));
        }
        return list;
    }

    /// <summary>Today's (China) teams of approved plans in the user's jurisdictions, with their routes and progress.</summary>
    public async Task<MapToday> TodayAsync(CancellationToken ct)
    {
        var today = VenueStatusSql.Today(clock.GetUtcNow());
        await using var connection = await OpenAsync(ct);
        var relations = await VenueStatusSql.RelationsAsync(connection, ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        AddScope(cmd);
        cmd.Parameters.AddWithValue("today", today);
        cmd.Parameters.AddWithValue("d0", VenueStatusSql.Instant(today));
        cmd.Parameters.AddWithValue("d1", VenueStatusSql.Instant(today.AddDays(1)));
        // "Visited": a visit of the stop's venue submitted today (visits.planned_visit_id cannot name a stop yet:
        // planned visits are keyed by operation, team and sequence).
        cmd.CommandText = $"""
            SELECT o.id, o.number, j.name, o.start, o."end", o.teams::text, pv.team_number, pv.sequence, pv.venue_id,
                   coalesce(ve.name, ''), coalesce(ST_X(ve.location::geometry), 'NaN'), coalesce(ST_Y(ve.location::geometry), 'NaN'), pv.arrival_at,
                   EXISTS (SELECT 1 FROM {relations.Visits} x WHERE x.venue_id = pv.venue_id AND x.submitted_at >= @d0 AND x.submitted_at < @d1)
            FROM planned_operations o
            JOIN monthly_plans p ON p.id = o.plan_id AND p.status = 'Approved'
            JOIN jurisdictions j ON j.id = o.jurisdiction_id
            JOIN planned_visits pv ON pv.operation_id = o.id
            LEFT JOIN venues ve ON ve.id = pv.venue_id
            WHERE o.date = @today AND {ScopeCondition("o")}
            ORDER BY o.number, pv.team_number, pv.sequence
            """;
        var teams = new List<(Guid Op, int Number, string Community, TimeOnly Start, TimeOnly End, List<Guid> Officers, int Team, List<MapRouteStop> Stops)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var op = r.GetGuid(0);
                var team = r.GetInt32(6);
                if (teams.Count == 0 || teams[^1].Op != op || teams[^1].Team != team)
                {
                    var records = JsonSerializer.Deserialize<List<PlannedTeamRecord>>(r.GetString(5), PlanningJson.Options) ?? [];
                    teams.Add((op, r.GetInt32(1), r.GetString(2), r.GetFieldValue<TimeOnly>(3), r.GetFieldValue<TimeOnly>(4),
                        records.FirstOrDefault(t => t.Number == team)?.OfficerIds ?? [], team, []));
                }
                var lon = r.GetDouble(10);
                if (!double.IsNaN(lon))
                {
                    teams[^1].Stops.Add(new MapRouteStop(r.GetInt32(7), r.GetGuid(8), r.GetString(9), lon, r.GetDouble(11), r.GetDateTime(12), r.GetBoolean(13)));
                }
            }
        }
        var names = await OfficerNamesAsync(connection, [.. teams.SelectMany(t => t.Officers).Distinct()], ct);
        return new MapToday(today,
            [.. teams.Select(t => new MapTeamRoute(t.Op, t.Number, t.Team, t.Community, t.Start, t.End,
                [.. t.Officers.Select(o => names.GetValueOrDefault(o, "?"))], t.Stops))],
            relations.HasVisits);
    }

    /// <summary>The filtered venues for export (GeoJSON, CSV), in name order, streamed.</summary>
    public async IAsyncEnumerable<MapExportRow> ExportAsync(MapFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var relations = await VenueStatusSql.RelationsAsync(connection, ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        var where = Where(cmd, filter);
        VenueStatusSql.AddParameters(cmd, clock.GetUtcNow());
        cmd.CommandText = $"""
            SELECT * FROM (
                SELECT v.id, v.name, v.type, v.address, v.risk_class, {VenueStatusSql.Expression("v", relations)} AS status, v.status AS venue_status,
                       j.name AS jurisdiction, v.distance_rule_breached, v.nearest_school_distance_metres,
                       ST_X(v.location::geometry) AS lon, ST_Y(v.location::geometry) AS lat
                FROM venues v LEFT JOIN jurisdictions j ON j.id = v.jurisdiction_id
                WHERE {where.Venue}
            ) s WHERE true {where.Status}
            ORDER BY s.name, s.id
            """;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return new MapExportRow(r.GetGuid(0), r.GetString(1), Enum.Parse<VenueType>(r.GetString(2)), r.GetString(3),
                Enum.Parse<RiskClass>(r.GetString(4)), Enum.Parse<MapVenueStatus>(r.GetString(5)), Enum.Parse<VenueStatus>(r.GetString(6)),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetDouble(9),
                r.GetDouble(10), r.GetDouble(11));
        }
    }

    /// <summary>The extent of the user's jurisdictions' boundaries (all boundaries when unrestricted); null when none has one.</summary>
    public async Task<MapExtent?> ExtentAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        AddScope(cmd);
        cmd.CommandText = $"""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(j.boundary::geometry) AS e FROM jurisdictions j WHERE j.boundary IS NOT NULL AND (@all OR j.id = ANY(@jids))) b
            WHERE e IS NOT NULL
            """;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new MapExtent(r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)) : null;
    }

    /// <summary>The venue types a department covers by the department rules (its column in DOMAIN.md's venue-type table).</summary>
    public static IReadOnlyList<VenueType> TypesCoveredBy(DepartmentKind department) =>
        [.. DepartmentRules.Default.ByVenueType.Where(kv => kv.Value.Contains(department)).Select(kv => kv.Key).Order()];

    private async Task<Dictionary<Guid, string>> OfficerNamesAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        if (ids.Length == 0)
        {
            return names;
        }
        await using var cmd = new NpgsqlCommand("SELECT id, name FROM officers WHERE id = ANY(@ids)", connection);
        cmd.Parameters.AddWithValue("ids", ids);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            names[r.GetGuid(0)] = r.GetString(1);
        }
        return names;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (scope is UserScope userScope)
        {
            await userScope.PreloadAsync(ct);
        }
        var connection = await dataSource.OpenConnectionAsync(ct);
        // Tile-sized queries: parallel workers and JIT cost more than they save (STACK.md, PostGIS baselines).
        await using var set = new NpgsqlCommand("SET max_parallel_workers_per_gather = 0; SET jit = off", connection);
        await set.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private void AddScope(NpgsqlCommand cmd)
    {
        cmd.Parameters.AddWithValue("all", scope.IsUnrestricted);
        cmd.Parameters.Add(new NpgsqlParameter("jids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = scope.JurisdictionIds.ToArray() });
    }

    private static string ScopeCondition(string alias) => $"(@all OR {alias}.jurisdiction_id = ANY(@jids))";

    private (string Venue, string Status) Where(NpgsqlCommand cmd, MapFilter filter)
    {
        AddScope(cmd);
        var sb = new StringBuilder(ScopeCondition("v"));
        IEnumerable<VenueType>? types = filter.Types.Count > 0 ? filter.Types : null;
        if (filter.Department is { } department)
        {
            var covered = TypesCoveredBy(department);
            types = types is null ? covered : types.Intersect(covered);
        }
        if (types is not null)
        {
            sb.Append(" AND v.type = ANY(@types)");
            cmd.Parameters.AddWithValue("types", types.Select(t => t.ToString()).Distinct().ToArray());
        }
        if (filter.Risks.Count > 0)
        {
            sb.Append(" AND v.risk_class = ANY(@risks)");
            cmd.Parameters.AddWithValue("risks", filter.Risks.Select(t => t.ToString()).Distinct().ToArray());
        }
        if (filter.JurisdictionId is { } jurisdiction)
        {
            sb.Append(" AND v.jurisdiction_id IN (SELECT fj.id FROM jurisdictions fj WHERE fj.id = @fjid OR fj.parent_id = @fjid)");
            cmd.Parameters.AddWithValue("fjid", jurisdiction);
        }
        if (filter.BreachOnly)
        {
            sb.Append(" AND v.distance_rule_breached IS NOT NULL");
        }
        var status = string.Empty;
        if (filter.Statuses.Count > 0)
        {
            status = " AND status = ANY(@statuses)";
            cmd.Parameters.AddWithValue("statuses", filter.Statuses.Select(s => s.ToString()).Distinct().ToArray());
        }
        return (sb.ToString(), status);
    }
}
