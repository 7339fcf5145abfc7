using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inspections.Infrastructure.Common;
using Npgsql;

namespace Inspections.Infrastructure.Dashboard;

/// <summary>
/// The dashboard's figures, each one set-based SQL statement over the real tables (no per-row work in C#). Raw SQL does
/// not see the EF query filters: every statement takes the scope's jurisdiction ids as <c>@jids</c> explicitly, and
/// the scope is resolved here from <see cref="IUserScope"/> — a jurisdiction outside it is refused (ADR 17).
/// Tables that another feature has not created yet (visits, notices) read as empty and are listed in
/// <see cref="DashboardFigures.MissingSources"/>, so the page says which figures are not available instead of failing.
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource dataSource, IUserScope scope, TimeProvider clock)
{
    /// <summary>China Standard Time has no daylight saving; month and quarter bounds are local midnight (+08:00).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public const int DrillLimit = 500;

    /// <summary>Venue types of seed 003's quarterly special check (KTV, internet café, bar, hotel).</summary>
    public static readonly string[] QuarterlySpecialCheckTypes = ["Ktv", "InternetCafe", "Bar", "Hotel"];

    private static readonly string[] Optional = ["visits", "visit_items", "checklist_items", "rectification_notices"];

    /// <summary>Empty stand-ins with the ADR 11 columns the queries read, for tables that do not exist yet.</summary>
    private static readonly Dictionary<string, string> Stubs = new(StringComparer.Ordinal)
    {
        ["visits"] = "(SELECT NULL::uuid AS id, NULL::uuid AS venue_id, NULL::uuid AS jurisdiction_id, NULL::timestamptz AS submitted_at, NULL::text AS kind, NULL::text AS status, NULL::uuid[] AS officer_ids, NULL::text[] AS department_kinds WHERE false)",
        ["visit_items"] = "(SELECT NULL::uuid AS visit_id, NULL::uuid AS item_id, NULL::text AS item_code, NULL::text AS outcome, NULL::text AS note WHERE false)",
        ["checklist_items"] = "(SELECT NULL::uuid AS id, NULL::text AS code, NULL::text AS text_zh WHERE false)",
        ["rectification_notices"] = "(SELECT NULL::uuid AS id, NULL::uuid AS visit_id, NULL::uuid AS venue_id, NULL::uuid AS jurisdiction_id, NULL::text AS department_kind, NULL::text AS number, NULL::text AS status, NULL::timestamptz AS issued_at, NULL::date AS deadline, NULL::timestamptz AS served_at, NULL::timestamptz AS escalated_at, NULL::uuid[] AS officer_ids WHERE false)",
    };

    /// <summary>Jurisdictions the user may choose: everything when unrestricted, else the owned ones.</summary>
    public async Task<IReadOnlyList<DashboardJurisdiction>> ChoicesAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT id, parent_id, code, name, level = 'Street' FROM jurisdictions ORDER BY code");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var all = new List<DashboardJurisdiction>();
        while (await r.ReadAsync(ct))
        {
            all.Add(new DashboardJurisdiction(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetBoolean(4)));
        }
        if (scope.IsUnrestricted)
        {
            return all;
        }
        var owned = scope.JurisdictionIds.ToHashSet();
        return [.. all.Where(j => owned.Contains(j.Id))];
    }

    /// <summary>
    /// The ids the figures are limited to: the chosen jurisdiction and its communities, or everything the user owns.
    /// Null when the chosen jurisdiction is not the user's (the caller answers 404: its existence is not revealed).
    /// </summary>
    public async Task<DashboardScope?> ResolveScopeAsync(Guid? jurisdictionId, CancellationToken ct)
    {
        var choices = await ChoicesAsync(ct);
        if (jurisdictionId is not { } chosen)
        {
            var street = choices.Where(c => c.IsStreet).ToList();
            return new DashboardScope(null, string.Empty, [.. choices.Select(c => c.Id)],
                street.Count == 1 ? street[0].Id : choices.FirstOrDefault()?.ParentId, choices);
        }
        var j = choices.FirstOrDefault(c => c.Id == chosen);
        if (j is null)
        {
            return null;
        }
        Guid[] ids = [j.Id, .. choices.Where(c => c.ParentId == j.Id).Select(c => c.Id)];
        return new DashboardScope(j.Id, j.Name, ids, j.IsStreet ? j.Id : j.ParentId, choices);
    }

    /// <summary>
    /// Whether the 12-month trend may read closed months from the roll-up (<c>dashboard_monthly</c>, ADR 18). True by
    /// default; false computes every month live (the benchmark and the tests compare both paths).
    /// </summary>
    public bool UseRollups { get; init; } = true;

    /// <summary>
    /// How many connections the statements are spread over (1 = one after the other on one connection). The
    /// statements are independent read-only queries, so lanes only change the wall time, never the figures.
    /// </summary>
    public int Lanes { get; init; } = 1;

    public async Task<DashboardFigures> GetAsync(DashboardScope s, int year, int month, CancellationToken ct) =>
        (await GetCoreAsync(s, year, month, null, ct)).Figures;

    /// <summary>
    /// Every statement of <see cref="GetAsync"/> run once more under <c>EXPLAIN (ANALYZE, BUFFERS)</c>: the server-side
    /// time of each, less noisy than the wall time on a shared machine (benchmark and diagnosis only).
    /// </summary>
    public async Task<(DashboardFigures Figures, IReadOnlyList<StatementTiming> Timings)> ExplainAsync(DashboardScope s, int year, int month, CancellationToken ct)
    {
        var timings = new List<StatementTiming>();
        var (figures, _) = await GetCoreAsync(s, year, month, timings, ct);
        return (figures, timings);
    }

    private async Task<(DashboardFigures Figures, List<StatementTiming>? Timings)> GetCoreAsync(
        DashboardScope s, int year, int month, List<StatementTiming>? explain, CancellationToken ct)
    {
        var clock0 = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sources = await SourcesAsync(connection, ct);
        var p = Bounds.Of(year, month, Today());
        var rollups = UseRollups && sources.HasRollups
            ? await RollupPlan.ReadAsync(connection, s, p, ct)
            : RollupPlan.None(p);

        PlanTotals totals = null!;
        IReadOnlyList<CommunityProgress> communities = null!;
        IReadOnlyList<DepartmentProgress> departments = null!;
        IReadOnlyList<TypeCoverage> coverage = null!;
        IReadOnlyList<FindingCount> findings = null!;
        NoticeFunnel funnel = null!;
        IReadOnlyList<OverdueNotice> overdue = null!;
        IReadOnlyList<OfficerWorkload> workload = null!;
        IReadOnlyList<MonthTrend> trend = null!;
        // The longest statements first, so that with several lanes the short ones fill in behind them.
        Func<Run, Task>[] work =
        [
            async r => trend = await TrendAsync(r, ct),
            async r => (totals, communities, departments, workload) = await PlanAsync(r, ct),
            async r => coverage = await CoverageAsync(r, ct),
            async r => findings = await FindingsAsync(r, ct),
            async r => funnel = await FunnelAsync(r, ct),
            async r => overdue = await OverdueAsync(r, ct),
        ];
        if (Lanes <= 1)
        {
            var run = new Run(connection, sources, s, p, rollups, explain);
            foreach (var w in work)
            {
                await w(run);
            }
        }
        else
        {
            var queue = new System.Collections.Concurrent.ConcurrentQueue<Func<Run, Task>>(work);
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Lanes, work.Length)).Select(async lane =>
            {
                await using var own = lane == 0 ? null : await dataSource.OpenConnectionAsync(ct);
                var run = new Run(own ?? connection, sources, s, p, rollups, explain);
                while (queue.TryDequeue(out var w))
                {
                    await w(run);
                }
            }));
        }

        var figures = new DashboardFigures(year, month, (month + 2) / 3, s, [.. sources.Missing], totals, communities, departments, coverage,
            findings, funnel, overdue, workload, trend, Stopwatch.GetElapsedTime(clock0).TotalMilliseconds)
        {
            RolledUpMonths = rollups.RolledMonths.Length,
        };
        return (figures, explain);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    /// <summary>Month, quarter and 12-month bounds as local dates and as instants.</summary>
    private sealed record Bounds(DateOnly D0, DateOnly D1, DateOnly Q0, DateOnly Q1, DateOnly TrendStart, DateOnly Today)
    {
        public static Bounds Of(int year, int month, DateOnly today)
        {
            var d0 = new DateOnly(year, month, 1);
            var q0 = new DateOnly(year, ((month - 1) / 3 * 3) + 1, 1);
            return new Bounds(d0, d0.AddMonths(1), q0, q0.AddMonths(3), d0.AddMonths(-11), today);
        }

        public static DateTimeOffset Instant(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

        public void AddTo(NpgsqlCommand cmd)
        {
            cmd.Parameters.AddWithValue("d0", D0);
            cmd.Parameters.AddWithValue("d1", D1);
            cmd.Parameters.AddWithValue("t0", Instant(D0));
            cmd.Parameters.AddWithValue("t1", Instant(D1));
            cmd.Parameters.AddWithValue("q0", Instant(Q0));
            cmd.Parameters.AddWithValue("q1", Instant(Q1));
            cmd.Parameters.AddWithValue("m0", TrendStart);
            cmd.Parameters.AddWithValue("tm0", Instant(TrendStart));
            cmd.Parameters.AddWithValue("today", Today);
        }
    }

    /// <summary>Which optional tables exist; missing ones are replaced by empty stand-ins.</summary>
    private sealed class Sources(HashSet<string> present)
    {
        public IEnumerable<string> Missing => Optional.Where(t => !present.Contains(t));

        /// <summary>The roll-up tables of ADR 18 exist (and so do the tables they are computed from).</summary>
        public bool HasRollups =>
            present.Contains(DashboardRollups.MonthsTable) && present.Contains(DashboardRollups.MonthlyTable) && present.Contains(DashboardRollups.DirtyTable)
            && Optional.All(present.Contains);

        public string Sql(string sql)
        {
            foreach (var t in Optional)
            {
                sql = sql.Replace("{" + t + "}", present.Contains(t) ? t : Stubs[t], StringComparison.Ordinal);
            }
            return sql.Replace("{" + DashboardRollups.MonthlyTable + "}", HasRollups ? DashboardRollups.MonthlyTable : DashboardRollups.MonthlyStub, StringComparison.Ordinal);
        }
    }

    private static async Task<Sources> SourcesAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT t FROM unnest(@names) t WHERE to_regclass('public.' || t) IS NOT NULL", c);
        cmd.Parameters.AddWithValue("names", (string[])[.. Optional, DashboardRollups.MonthsTable, DashboardRollups.MonthlyTable, DashboardRollups.DirtyTable]);
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            present.Add(r.GetString(0));
        }
        return new Sources(present);
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, Sources sources, DashboardScope s, Bounds p, string sql)
    {
        var cmd = new NpgsqlCommand(sources.Sql(sql), c);
        cmd.Parameters.AddWithValue("jids", s.JurisdictionIds);
        p.AddTo(cmd);
        return cmd;
    }

    /// <summary>One page's statements on one connection; with <c>explain</c> each is also run under EXPLAIN ANALYZE.</summary>
    private sealed class Run(NpgsqlConnection c, Sources sources, DashboardScope s, Bounds p, RollupPlan rollups, List<StatementTiming>? explain)
    {
        public NpgsqlCommand Command(string sql)
        {
            var cmd = DashboardQueries.Command(c, sources, s, p, sql);
            rollups.AddTo(cmd);
            return cmd;
        }

        public async Task<NpgsqlDataReader> ExecuteAsync(string name, NpgsqlCommand cmd, CancellationToken ct)
        {
            if (explain is not null)
            {
                await using var e = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + cmd.CommandText, c);
                foreach (NpgsqlParameter prm in cmd.Parameters)
                {
                    e.Parameters.Add(prm.Clone());
                }
                var json = (string)(await e.ExecuteScalarAsync(ct))!;
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                var root = doc.RootElement[0];
                var plan = root.GetProperty("Plan");
                long Blocks(string k) => plan.TryGetProperty(k, out var v) ? v.GetInt64() : 0;
                lock (explain)
                {
                    explain.Add(new StatementTiming(name, root.GetProperty("Execution Time").GetDouble(), root.GetProperty("Planning Time").GetDouble(),
                        Blocks("Shared Hit Blocks"), Blocks("Shared Read Blocks")));
                }
            }
            return await cmd.ExecuteReaderAsync(ct);
        }
    }

    /// <summary>
    /// Which months of the trend window come from the roll-up (computed, closed) and which (jurisdiction, month) pairs of
    /// those were changed since (dirty: computed live until the job recomputes them). Everything else is live.
    /// </summary>
    private sealed record RollupPlan(DateOnly[] RolledMonths, Guid[] DirtyJurisdictions, DateOnly[] DirtyMonths, DateOnly LiveFrom)
    {
        public static RollupPlan None(Bounds p) => new([], [], [], p.TrendStart);

        public static async Task<RollupPlan> ReadAsync(NpgsqlConnection c, DashboardScope s, Bounds p, CancellationToken ct)
        {
            // Never the current month (or later): it changes all day and is not rolled up.
            var currentMonth = new DateOnly(p.Today.Year, p.Today.Month, 1);
            await using var cmd = new NpgsqlCommand($"""
                SELECT NULL::uuid, month FROM {DashboardRollups.MonthsTable} WHERE month >= @m0 AND month < @d1 AND month < @cur
                UNION ALL
                SELECT DISTINCT jurisdiction_id, month FROM {DashboardRollups.DirtyTable}
                WHERE month >= @m0 AND month < @d1 AND jurisdiction_id = ANY(@jids)
                """, c);
            cmd.Parameters.AddWithValue("m0", p.TrendStart);
            cmd.Parameters.AddWithValue("d1", p.D1);
            cmd.Parameters.AddWithValue("cur", currentMonth);
            cmd.Parameters.AddWithValue("jids", s.JurisdictionIds);
            var rolled = new SortedSet<DateOnly>();
            var dirty = new List<(Guid J, DateOnly M)>();
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var m = r.GetFieldValue<DateOnly>(1);
                    if (r.IsDBNull(0))
                    {
                        rolled.Add(m);
                    }
                    else
                    {
                        dirty.Add((r.GetGuid(0), m));
                    }
                }
            }
            dirty.RemoveAll(d => !rolled.Contains(d.M));
            // Live from the first month that is not rolled up, or that has a dirty jurisdiction; the window's end if none.
            var liveFrom = p.D1;
            for (var m = p.TrendStart; m < p.D1; m = m.AddMonths(1))
            {
                if (!rolled.Contains(m) || dirty.Any(d => d.M == m))
                {
                    liveFrom = m;
                    break;
                }
            }
            return new RollupPlan([.. rolled], [.. dirty.Select(d => d.J)], [.. dirty.Select(d => d.M)], liveFrom);
        }

        public void AddTo(NpgsqlCommand cmd)
        {
            cmd.Parameters.AddWithValue("rolled", RolledMonths);
            cmd.Parameters.AddWithValue("dirty_j", DirtyJurisdictions);
            cmd.Parameters.AddWithValue("dirty_m", DirtyMonths);
            cmd.Parameters.AddWithValue("lm0", LiveFrom);
            cmd.Parameters.AddWithValue("tlm0", Bounds.Instant(LiveFrom));
        }
    }

    // Shared CTEs. A visit counts when submitted (not a conflicting duplicate) in the month, filed under the scope. A planned
    // visit is done when its venue was visited in the month: one hash join on the month's distinct venues (no per-row lookup).
    // The month's planned visits are read by operation through the primary key (LATERAL … OFFSET 0 keeps the planner from
    // hashing all of planned_visits, which holds every month).
    private const string PlanCtes = """
        ops AS (
            SELECT po.id, po.jurisdiction_id, po.teams
            FROM planned_operations po JOIN monthly_plans mp ON mp.id = po.plan_id
            WHERE mp.status <> 'Superseded' AND po.date >= @d0 AND po.date < @d1 AND po.jurisdiction_id = ANY(@jids)),
        mv AS (
            SELECT v.id, v.venue_id, v.jurisdiction_id, v.kind, v.officer_ids, v.department_kinds
            FROM {visits} v
            WHERE v.status <> 'Conflict' AND v.submitted_at >= @t0 AND v.submitted_at < @t1 AND v.jurisdiction_id = ANY(@jids)),
        seen AS MATERIALIZED (SELECT DISTINCT venue_id FROM mv),
        mpv AS MATERIALIZED (
            SELECT pv.operation_id, pv.team_number, pv.sequence, pv.venue_id, o.jurisdiction_id
            FROM ops o CROSS JOIN LATERAL (SELECT x.operation_id, x.team_number, x.sequence, x.venue_id FROM planned_visits x WHERE x.operation_id = o.id OFFSET 0) pv),
        pvd AS MATERIALIZED (
            SELECT mpv.operation_id, mpv.team_number, mpv.sequence, mpv.venue_id, mpv.jurisdiction_id, seen.venue_id IS NOT NULL AS done
            FROM mpv LEFT JOIN seen ON seen.venue_id = mpv.venue_id)
        """;

    /// <summary>The month's plan-versus-done figures: totals, per community, per department and per officer.</summary>
    private sealed record PlanFigures(PlanTotals Totals, IReadOnlyList<CommunityProgress> Communities, IReadOnlyList<DepartmentProgress> Departments,
        IReadOnlyList<OfficerWorkload> Workload);

    private static async Task<PlanFigures> PlanAsync(Run run, CancellationToken ct)
    {
        // One statement for the four plan-versus-done figures: the month's operations, visits and planned visits (PlanCtes)
        // are read once and each figure is aggregated into a JSON column, in the order the page shows it.
        // Totals: the month's failed items are looked up per visit in the partial index, once for both of their counts.
        // Communities: per community of the scope. Departments: a planned visit belongs to every department with an officer
        // on its team; a visit to every department that took part. Workload: officers of the scope, and any other officer
        // planned or visiting in it; notices issued in the month by the visit's officers.
        const string sql = "WITH " + PlanCtes + """
            ,
            fails AS (
                SELECT coalesce(sum(f.n), 0) AS n, count(*) FILTER (WHERE f.n > 0) AS visits
                FROM mv CROSS JOIN LATERAL (SELECT count(*) AS n FROM {visit_items} vi WHERE vi.visit_id = mv.id AND vi.outcome = 'Fail') f),
            opd AS (SELECT o.id, o.jurisdiction_id, coalesce(bool_or(pvd.done), false) AS done
                    FROM ops o LEFT JOIN pvd ON pvd.operation_id = o.id GROUP BY o.id, o.jurisdiction_id),
            op AS (SELECT jurisdiction_id, count(*) AS planned, count(*) FILTER (WHERE done) AS done FROM opd GROUP BY 1),
            pp AS (SELECT jurisdiction_id, count(*) AS planned, count(*) FILTER (WHERE done) AS done FROM pvd GROUP BY 1),
            vv AS (SELECT jurisdiction_id, count(*) AS n, count(*) FILTER (WHERE kind IS DISTINCT FROM 'Planned') AS adhoc FROM mv GROUP BY 1),
            team AS MATERIALIZED (
                SELECT pvd.operation_id, pvd.team_number, pvd.sequence, pvd.done, oid::uuid AS officer_id
                FROM pvd JOIN ops o ON o.id = pvd.operation_id
                CROSS JOIN LATERAL jsonb_array_elements(o.teams) t
                CROSS JOIN LATERAL jsonb_array_elements_text(t -> 'officerIds') oid
                WHERE (t ->> 'number')::int = pvd.team_number),
            pk AS (
                SELECT kind, count(*) AS planned, count(*) FILTER (WHERE done) AS done
                FROM (SELECT DISTINCT d.kind, team.operation_id, team.team_number, team.sequence, team.done
                      FROM team JOIN officers ofc ON ofc.id = team.officer_id JOIN departments d ON d.id = ofc.department_id) x
                GROUP BY kind),
            vk AS (SELECT k AS kind, count(*) AS n FROM mv CROSS JOIN LATERAL unnest(mv.department_kinds) k GROUP BY k),
            w_planned AS (SELECT officer_id, count(*) AS n FROM team GROUP BY 1),
            w_done AS (SELECT u AS officer_id, count(*) AS n FROM mv CROSS JOIN LATERAL unnest(mv.officer_ids) u GROUP BY 1),
            w_issued AS (
                SELECT u AS officer_id, count(*) AS n
                FROM {rectification_notices} n CROSS JOIN LATERAL unnest(n.officer_ids) u
                WHERE n.status <> 'Draft' AND n.issued_at >= @t0 AND n.issued_at < @t1 AND n.jurisdiction_id = ANY(@jids)
                GROUP BY 1)
            SELECT
                json_build_array(
                    (SELECT count(*) FROM ops), (SELECT count(DISTINCT operation_id) FROM pvd WHERE done), (SELECT count(*) FROM pvd),
                    (SELECT count(*) FROM pvd WHERE done), (SELECT count(*) FROM mv), (SELECT count(*) FROM mv WHERE kind IS DISTINCT FROM 'Planned'),
                    (SELECT count(DISTINCT venue_id) FROM mv), (SELECT n FROM fails), (SELECT visits FROM fails))::text,
                (SELECT coalesce(json_agg(json_build_array(j.id, j.name, coalesce(op.planned, 0), coalesce(op.done, 0), coalesce(pp.planned, 0),
                            coalesce(pp.done, 0), coalesce(vv.n, 0), coalesce(vv.adhoc, 0)) ORDER BY j.code), '[]'::json)
                 FROM jurisdictions j
                 LEFT JOIN op ON op.jurisdiction_id = j.id LEFT JOIN pp ON pp.jurisdiction_id = j.id LEFT JOIN vv ON vv.jurisdiction_id = j.id
                 WHERE j.id = ANY(@jids) AND j.level = 'Community')::text,
                (SELECT coalesce(json_agg(json_build_array(coalesce(pk.kind, vk.kind), coalesce(pk.planned, 0), coalesce(pk.done, 0), coalesce(vk.n, 0))
                            ORDER BY coalesce(pk.kind, vk.kind)), '[]'::json)
                 FROM pk FULL JOIN vk ON vk.kind = pk.kind)::text,
                (SELECT coalesce(json_agg(json_build_array(o.id, o.name, d.short_name, d.kind, coalesce(w_planned.n, 0), coalesce(w_done.n, 0), coalesce(w_issued.n, 0))
                            ORDER BY coalesce(w_done.n, 0) DESC, coalesce(w_planned.n, 0) DESC, o.name), '[]'::json)
                 FROM officers o JOIN departments d ON d.id = o.department_id
                 LEFT JOIN w_planned ON w_planned.officer_id = o.id
                 LEFT JOIN w_done ON w_done.officer_id = o.id
                 LEFT JOIN w_issued ON w_issued.officer_id = o.id
                 WHERE (o.jurisdiction_id = ANY(@jids) AND o.status = 'Active') OR w_planned.n IS NOT NULL OR w_done.n IS NOT NULL)::text
            """;
        await using var cmd = run.Command(sql);
        string[] json;
        await using (var r = await run.ExecuteAsync("plan", cmd, ct))
        {
            await r.ReadAsync(ct);
            json = [r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)];
        }
        using var totals = JsonDocument.Parse(json[0]);
        using var communities = JsonDocument.Parse(json[1]);
        using var departments = JsonDocument.Parse(json[2]);
        using var workload = JsonDocument.Parse(json[3]);
        static int I(JsonElement a, int i) => a[i].GetInt32();
        static string S(JsonElement a, int i) => a[i].GetString()!;
        var t = totals.RootElement;
        return new PlanFigures(
            new PlanTotals(I(t, 0), I(t, 1), I(t, 2), I(t, 3), I(t, 4), I(t, 5), I(t, 6), I(t, 7), I(t, 8)),
            [.. communities.RootElement.EnumerateArray().Select(a => new CommunityProgress(a[0].GetGuid(), S(a, 1), I(a, 2), I(a, 3), I(a, 4), I(a, 5), I(a, 6), I(a, 7)))],
            [.. departments.RootElement.EnumerateArray().Select(a => new DepartmentProgress(S(a, 0), I(a, 1), I(a, 2), I(a, 3)))],
            [.. workload.RootElement.EnumerateArray().Select(a => new OfficerWorkload(a[0].GetGuid(), S(a, 1), S(a, 2), S(a, 3), I(a, 4), I(a, 5), I(a, 6)))]);
    }

    private static async Task<IReadOnlyList<TypeCoverage>> CoverageAsync(Run run, CancellationToken ct)
    {
        // One index-only pass over the scope's operating venues (ix_venues_jurisdiction_id_type_status includes id).
        const string sql = """
            WITH seen AS (
                SELECT DISTINCT v.venue_id FROM {visits} v
                WHERE v.status <> 'Conflict' AND v.submitted_at >= @q0 AND v.submitted_at < @q1 AND v.jurisdiction_id = ANY(@jids))
            SELECT ve.type, count(*)::int, count(seen.venue_id)::int
            FROM venues ve LEFT JOIN seen ON seen.venue_id = ve.id
            WHERE ve.jurisdiction_id = ANY(@jids) AND ve.status = 'Operating'
            GROUP BY ve.type
            """;
        await using var cmd = run.Command(sql);
        await using var r = await run.ExecuteAsync("coverage", cmd, ct);
        var rows = new List<TypeCoverage>();
        while (await r.ReadAsync(ct))
        {
            var type = r.GetString(0);
            rows.Add(new TypeCoverage(type, r.GetInt32(1), r.GetInt32(2), QuarterlySpecialCheckTypes.Contains(type)));
        }
        // Special-check types first (in the seed's order), then by number of venues.
        return [.. rows.OrderBy(t => t.QuarterlySpecialCheck ? Array.IndexOf(QuarterlySpecialCheckTypes, t.VenueType) : 99).ThenByDescending(t => t.Venues)];
    }

    private static async Task<IReadOnlyList<FindingCount>> FindingsAsync(Run run, CancellationToken ct)
    {
        // The month's failed items first, looked up per visit in the partial index on failed items (LATERAL … OFFSET 0: not a
        // pass over a year of failures), then their venues by key: no scan of all venues.
        const string sql = """
            WITH f AS MATERIALIZED (
                SELECT vi.item_code, vi.item_id, v.venue_id
                FROM {visits} v
                CROSS JOIN LATERAL (SELECT x.item_code, x.item_id FROM {visit_items} x WHERE x.visit_id = v.id AND x.outcome = 'Fail' OFFSET 0) vi
                WHERE v.status <> 'Conflict' AND v.submitted_at >= @t0 AND v.submitted_at < @t1 AND v.jurisdiction_id = ANY(@jids))
            SELECT f.item_code, coalesce(max(ci.text_zh), f.item_code), ve.type, count(*)::int AS n
            FROM f
            JOIN venues ve ON ve.id = f.venue_id
            LEFT JOIN {checklist_items} ci ON ci.id = f.item_id
            GROUP BY f.item_code, ve.type
            ORDER BY n DESC, f.item_code, ve.type
            """;
        await using var cmd = run.Command(sql);
        await using var r = await run.ExecuteAsync("findings", cmd, ct);
        var rows = new List<FindingCount>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new FindingCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)));
        }
        return rows;
    }

    /// <summary>Overdue: marked Overdue, or issued/served and past its deadline without being rectified.</summary>
    private const string OverduePredicate = "(n.status = 'Overdue' OR (n.status IN ('Issued', 'Served') AND n.deadline < @today))";

    private const string RectifiedPredicate = "(n.status IN ('Rectified', 'Closed') AND n.escalated_at IS NULL)";

    private const string EscalatedPredicate = "(n.status = 'Escalated' OR n.escalated_at IS NOT NULL)";

    private static async Task<NoticeFunnel> FunnelAsync(Run run, CancellationToken ct)
    {
        const string sql = $$"""
            SELECT count(*)::int,
                   count(*) FILTER (WHERE n.served_at IS NOT NULL)::int,
                   count(*) FILTER (WHERE {{RectifiedPredicate}})::int,
                   count(*) FILTER (WHERE {{OverduePredicate}})::int,
                   count(*) FILTER (WHERE {{EscalatedPredicate}})::int
            FROM {rectification_notices} n
            WHERE n.status <> 'Draft' AND n.issued_at >= @t0 AND n.issued_at < @t1 AND n.jurisdiction_id = ANY(@jids)
            """;
        await using var cmd = run.Command(sql);
        await using var r = await run.ExecuteAsync("funnel", cmd, ct);
        await r.ReadAsync(ct);
        return new NoticeFunnel(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4));
    }

    private static async Task<IReadOnlyList<OverdueNotice>> OverdueAsync(Run run, CancellationToken ct)
    {
        // Every notice overdue today in the scope, whatever month it was issued in: the list the meeting works through.
        // The first 200 by (deadline, number) come from an ordered index-only scan of the open notices' partial index
        // (ix_rectification_notices_open_deadline), which stops after 200 matches; only those rows are then read.
        const string sql = $$"""
            WITH top AS MATERIALIZED (
                SELECT n.id FROM {rectification_notices} n
                WHERE n.status IN ('Issued', 'Served', 'Overdue') AND n.jurisdiction_id = ANY(@jids) AND {{OverduePredicate}}
                ORDER BY n.deadline, n.number
                LIMIT 200)
            SELECT n.id, coalesce(n.number, ''), ve.id, ve.name, ve.type, coalesce(n.department_kind, ''), n.status, n.deadline, (@today - n.deadline)::int
            FROM top JOIN {rectification_notices} n ON n.id = top.id JOIN venues ve ON ve.id = n.venue_id
            ORDER BY n.deadline, n.number
            """;
        await using var cmd = run.Command(sql);
        await using var r = await run.ExecuteAsync("overdue", cmd, ct);
        var rows = new List<OverdueNotice>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new OverdueNotice(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetFieldValue<DateOnly>(7), r.GetInt32(8)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<MonthTrend>> TrendAsync(Run run, CancellationToken ct)
    {
        // Closed months come from the roll-up (ADR 18) unless one of the scope's jurisdictions changed since (dirty pairs); the
        // rest is one grouped scan per table from the first live month (@lm0; the whole window without roll-ups) to the chosen
        // one. Live and rolled-up counts use the same definitions (DashboardRollups.Measures); notices by the month issued.
        var sql = "WITH " + DashboardRollups.Measures("= ANY(@jids)", "@lm0", "@d1", "@tlm0", "@t1") + """
            ,
            m AS (SELECT generate_series(@m0::date, (@d1::date - interval '1 month')::date, interval '1 month')::date AS d),
            dirty AS (SELECT * FROM unnest(@dirty_j::uuid[], @dirty_m::date[]) AS x(j, d)),
            live AS (
                SELECT x.d, x.visits_planned, x.visits, x.failed_items, x.notices_issued, x.notices_rectified
                FROM measures x
                WHERE x.d <> ALL(@rolled) OR EXISTS (SELECT 1 FROM dirty WHERE dirty.j = x.j AND dirty.d = x.d)),
            rolled AS (
                SELECT r.month AS d, r.visits_planned, r.visits, r.failed_items, r.notices_issued, r.notices_rectified
                FROM {dashboard_monthly} r
                WHERE r.month = ANY(@rolled) AND r.jurisdiction_id = ANY(@jids)
                  AND NOT EXISTS (SELECT 1 FROM dirty WHERE dirty.j = r.jurisdiction_id AND dirty.d = r.month)),
            t AS (SELECT * FROM live UNION ALL SELECT * FROM rolled)
            SELECT m.d, coalesce(sum(t.visits_planned), 0)::int, coalesce(sum(t.visits), 0)::int, coalesce(sum(t.failed_items), 0)::int,
                   coalesce(sum(t.notices_issued), 0)::int, coalesce(sum(t.notices_rectified), 0)::int
            FROM m LEFT JOIN t ON t.d = m.d
            GROUP BY m.d
            ORDER BY m.d
            """;
        await using var cmd = run.Command(sql);
        await using var r = await run.ExecuteAsync("trend", cmd, ct);
        var rows = new List<MonthTrend>();
        while (await r.ReadAsync(ct))
        {
            var d = r.GetFieldValue<DateOnly>(0);
            rows.Add(new MonthTrend(d.Year, d.Month, r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)));
        }
        return rows;
    }

    // ---- Drill-down: the rows behind one bar or segment ----

    public static readonly string[] Charts = ["communities", "departments", "coverage", "findings", "funnel", "workload", "trend"];

    /// <summary>The list behind one chart element; null when the chart or key is not known.</summary>
    public async Task<DrillTable?> DrillAsync(DashboardScope s, int year, int month, string chart, string key, CancellationToken ct)
    {
        var p = Bounds.Of(year, month, Today());
        (string Sql, DrillColumn[] Columns, Action<NpgsqlCommand> Bind)? q = chart switch
        {
            "communities" when Guid.TryParse(key, out var community) && s.JurisdictionIds.Contains(community) => (CommunityDrill, VisitColumns, cmd => cmd.Parameters.AddWithValue("key", community)),
            "departments" => (DepartmentDrill, VisitColumns, cmd => cmd.Parameters.AddWithValue("key", key)),
            "coverage" => (CoverageDrill, CoverageColumns, cmd => cmd.Parameters.AddWithValue("key", key)),
            "findings" => (FindingDrill, FindingColumns, cmd => cmd.Parameters.AddWithValue("key", key)),
            "funnel" when FunnelStages.ContainsKey(key) => (FunnelDrill.Replace("{stage}", FunnelStages[key], StringComparison.Ordinal), NoticeColumns, _ => { }),
            "workload" when Guid.TryParse(key, out var officer) => (WorkloadDrill, VisitColumns, cmd => cmd.Parameters.AddWithValue("key", officer)),
            "trend" when DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) =>
                (TrendDrill, VisitColumns, cmd =>
                {
                    cmd.Parameters.AddWithValue("k0", Bounds.Instant(m));
                    cmd.Parameters.AddWithValue("k1", Bounds.Instant(m.AddMonths(1)));
                }),
            _ => null,
        };
        if (q is not { } query)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sources = await SourcesAsync(connection, ct);
        await using var cmd = Command(connection, sources, s, p, query.Sql + $" LIMIT {DrillLimit + 1}");
        query.Bind(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<DrillRow>();
        while (await r.ReadAsync(ct))
        {
            var cells = new string?[r.FieldCount - 1];
            for (var i = 1; i < r.FieldCount; i++)
            {
                cells[i - 1] = r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture);
            }
            rows.Add(new DrillRow(r.IsDBNull(0) ? null : r.GetGuid(0), cells));
        }
        var truncated = rows.Count > DrillLimit;
        return new DrillTable(chart, key, query.Columns, truncated ? rows[..DrillLimit] : rows, truncated);
    }

    private static readonly DrillColumn[] VisitColumns =
        [new("Date"), new("Venue"), new("VenueType", "VenueType"), new("Community"), new("VisitKind", "VisitKind"), new("FailedItems")];

    private static readonly DrillColumn[] CoverageColumns = [new("Venue"), new("VenueType", "VenueType"), new("Community"), new("LastVisit"), new("VisitsThisQuarter")];

    private static readonly DrillColumn[] FindingColumns = [new("Date"), new("Venue"), new("VenueType", "VenueType"), new("Community"), new("ItemCode"), new("Note")];

    private static readonly DrillColumn[] NoticeColumns =
        [new("NoticeNumber"), new("Venue"), new("VenueType", "VenueType"), new("Department", "DepartmentKind"), new("NoticeStatus", "NoticeStatus"), new("IssuedAt"), new("Deadline")];

    private const string VisitSelect = """
        SELECT ve.id, to_char(v.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), ve.name, ve.type, j.name, v.kind,
               (SELECT count(*) FROM {visit_items} vi WHERE vi.visit_id = v.id AND vi.outcome = 'Fail')
        FROM {visits} v JOIN venues ve ON ve.id = v.venue_id LEFT JOIN jurisdictions j ON j.id = v.jurisdiction_id
        WHERE v.status <> 'Conflict' AND v.jurisdiction_id = ANY(@jids)
        """;

    private const string MonthVisit = " AND v.submitted_at >= @t0 AND v.submitted_at < @t1";

    private const string CommunityDrill = VisitSelect + MonthVisit + " AND v.jurisdiction_id = @key ORDER BY v.submitted_at DESC";

    private const string DepartmentDrill = VisitSelect + MonthVisit + " AND @key = ANY(v.department_kinds) ORDER BY v.submitted_at DESC";

    private const string WorkloadDrill = VisitSelect + MonthVisit + " AND @key = ANY(v.officer_ids) ORDER BY v.submitted_at DESC";

    private const string TrendDrill = VisitSelect + " AND v.submitted_at >= @k0 AND v.submitted_at < @k1 ORDER BY v.submitted_at DESC";

    private const string CoverageDrill = """
        WITH seen AS (
            SELECT v.venue_id, max(v.submitted_at) AS last, count(*) AS n FROM {visits} v
            WHERE v.status <> 'Conflict' AND v.submitted_at >= @q0 AND v.submitted_at < @q1 AND v.jurisdiction_id = ANY(@jids)
            GROUP BY v.venue_id)
        SELECT ve.id, ve.name, ve.type, j.name, to_char(seen.last AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), coalesce(seen.n, 0)
        FROM venues ve LEFT JOIN seen ON seen.venue_id = ve.id LEFT JOIN jurisdictions j ON j.id = ve.jurisdiction_id
        WHERE ve.jurisdiction_id = ANY(@jids) AND ve.status = 'Operating' AND ve.type = @key
        ORDER BY seen.last NULLS FIRST, ve.name
        """;

    private const string FindingDrill = """
        SELECT ve.id, to_char(v.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), ve.name, ve.type, j.name, vi.item_code, vi.note
        FROM {visit_items} vi JOIN {visits} v ON v.id = vi.visit_id JOIN venues ve ON ve.id = v.venue_id
        LEFT JOIN jurisdictions j ON j.id = v.jurisdiction_id
        WHERE vi.outcome = 'Fail' AND vi.item_code = @key AND v.status <> 'Conflict' AND v.jurisdiction_id = ANY(@jids)
          AND v.submitted_at >= @t0 AND v.submitted_at < @t1
        ORDER BY v.submitted_at DESC
        """;

    private static readonly Dictionary<string, string> FunnelStages = new(StringComparer.Ordinal)
    {
        ["issued"] = "true",
        ["served"] = "n.served_at IS NOT NULL",
        ["rectified"] = RectifiedPredicate,
        ["overdue"] = OverduePredicate,
        ["escalated"] = EscalatedPredicate,
    };

    private const string FunnelDrill = """
        SELECT ve.id, n.number, ve.name, ve.type, n.department_kind, n.status,
               to_char(n.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), to_char(n.deadline, 'YYYY-MM-DD')
        FROM {rectification_notices} n JOIN venues ve ON ve.id = n.venue_id
        WHERE n.status <> 'Draft' AND n.issued_at >= @t0 AND n.issued_at < @t1 AND n.jurisdiction_id = ANY(@jids) AND ({stage})
        ORDER BY n.deadline, n.number
        """;
}
