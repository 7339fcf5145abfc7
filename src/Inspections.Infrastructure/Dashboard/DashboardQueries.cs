using System.Diagnostics;
using System.Globalization;
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

    public async Task<DashboardFigures> GetAsync(DashboardScope s, int year, int month, CancellationToken ct)
    {
        var clock0 = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sources = await SourcesAsync(connection, ct);
        var p = Bounds.Of(year, month, Today());

        var totals = await TotalsAsync(connection, sources, s, p, ct);
        var communities = await CommunitiesAsync(connection, sources, s, p, ct);
        var departments = await DepartmentsAsync(connection, sources, s, p, ct);
        var coverage = await CoverageAsync(connection, sources, s, p, ct);
        var findings = await FindingsAsync(connection, sources, s, p, ct);
        var funnel = await FunnelAsync(connection, sources, s, p, ct);
        var overdue = await OverdueAsync(connection, sources, s, p, ct);
        var workload = await WorkloadAsync(connection, sources, s, p, ct);
        var trend = await TrendAsync(connection, sources, s, p, ct);

        return new DashboardFigures(year, month, (month + 2) / 3, s, [.. sources.Missing], totals, communities, departments, coverage,
            findings, funnel, overdue, workload, trend, Stopwatch.GetElapsedTime(clock0).TotalMilliseconds);
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

        public string Sql(string sql)
        {
            foreach (var t in Optional)
            {
                sql = sql.Replace("{" + t + "}", present.Contains(t) ? t : Stubs[t], StringComparison.Ordinal);
            }
            return sql;
        }
    }

    private static async Task<Sources> SourcesAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT t FROM unnest(@names) t WHERE to_regclass('public.' || t) IS NOT NULL", c);
        cmd.Parameters.AddWithValue("names", Optional);
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

    // Shared CTEs. A visit counts when submitted (not a conflicting duplicate) in the month, filed under the scope. A planned
    // visit is done when its venue was visited in the month: one hash join on the month's distinct venues (no per-row lookup).
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
        pvd AS MATERIALIZED (
            SELECT pv.operation_id, pv.team_number, pv.sequence, pv.venue_id, o.jurisdiction_id, seen.venue_id IS NOT NULL AS done
            FROM planned_visits pv JOIN ops o ON o.id = pv.operation_id LEFT JOIN seen ON seen.venue_id = pv.venue_id)
        """;

    private static async Task<PlanTotals> TotalsAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        const string sql = "WITH " + PlanCtes + """
            SELECT
                (SELECT count(*) FROM ops)::int,
                (SELECT count(DISTINCT operation_id) FROM pvd WHERE done)::int,
                (SELECT count(*) FROM pvd)::int,
                (SELECT count(*) FROM pvd WHERE done)::int,
                (SELECT count(*) FROM mv)::int,
                (SELECT count(*) FROM mv WHERE kind IS DISTINCT FROM 'Planned')::int,
                (SELECT count(DISTINCT venue_id) FROM mv)::int,
                (SELECT count(*) FROM {visit_items} vi JOIN mv ON mv.id = vi.visit_id WHERE vi.outcome = 'Fail')::int,
                (SELECT count(DISTINCT vi.visit_id) FROM {visit_items} vi JOIN mv ON mv.id = vi.visit_id WHERE vi.outcome = 'Fail')::int
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new PlanTotals(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8));
    }

    private static async Task<IReadOnlyList<CommunityProgress>> CommunitiesAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        const string sql = "WITH " + PlanCtes + """
            ,
            opd AS (SELECT o.id, o.jurisdiction_id, coalesce(bool_or(pvd.done), false) AS done
                    FROM ops o LEFT JOIN pvd ON pvd.operation_id = o.id GROUP BY o.id, o.jurisdiction_id),
            op AS (SELECT jurisdiction_id, count(*) AS planned, count(*) FILTER (WHERE done) AS done FROM opd GROUP BY 1),
            pp AS (SELECT jurisdiction_id, count(*) AS planned, count(*) FILTER (WHERE done) AS done FROM pvd GROUP BY 1),
            vv AS (SELECT jurisdiction_id, count(*) AS n, count(*) FILTER (WHERE kind IS DISTINCT FROM 'Planned') AS adhoc FROM mv GROUP BY 1)
            SELECT j.id, j.name, coalesce(op.planned, 0)::int, coalesce(op.done, 0)::int, coalesce(pp.planned, 0)::int,
                   coalesce(pp.done, 0)::int, coalesce(vv.n, 0)::int, coalesce(vv.adhoc, 0)::int
            FROM jurisdictions j
            LEFT JOIN op ON op.jurisdiction_id = j.id LEFT JOIN pp ON pp.jurisdiction_id = j.id LEFT JOIN vv ON vv.jurisdiction_id = j.id
            WHERE j.id = ANY(@jids) AND j.level = 'Community'
            ORDER BY j.code
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<CommunityProgress>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new CommunityProgress(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<DepartmentProgress>> DepartmentsAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        // A planned visit belongs to every department with an officer on its team; a visit to every department that took part.
        const string sql = "WITH " + PlanCtes + """
            ,
            pk AS (
                SELECT d.kind, count(DISTINCT (pvd.operation_id, pvd.team_number, pvd.sequence)) AS planned,
                       count(DISTINCT (pvd.operation_id, pvd.team_number, pvd.sequence)) FILTER (WHERE pvd.done) AS done
                FROM pvd JOIN ops o ON o.id = pvd.operation_id
                CROSS JOIN LATERAL jsonb_array_elements(o.teams) t
                CROSS JOIN LATERAL jsonb_array_elements_text(t -> 'officerIds') oid
                JOIN officers ofc ON ofc.id = oid::uuid
                JOIN departments d ON d.id = ofc.department_id
                WHERE (t ->> 'number')::int = pvd.team_number
                GROUP BY d.kind),
            vk AS (SELECT k AS kind, count(*) AS n FROM mv CROSS JOIN LATERAL unnest(mv.department_kinds) k GROUP BY k)
            SELECT coalesce(pk.kind, vk.kind), coalesce(pk.planned, 0)::int, coalesce(pk.done, 0)::int, coalesce(vk.n, 0)::int
            FROM pk FULL JOIN vk ON vk.kind = pk.kind
            ORDER BY 1
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<DepartmentProgress>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new DepartmentProgress(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<TypeCoverage>> CoverageAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
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
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<TypeCoverage>();
        while (await r.ReadAsync(ct))
        {
            var type = r.GetString(0);
            rows.Add(new TypeCoverage(type, r.GetInt32(1), r.GetInt32(2), QuarterlySpecialCheckTypes.Contains(type)));
        }
        // Special-check types first (in the seed's order), then by number of venues.
        return [.. rows.OrderBy(t => t.QuarterlySpecialCheck ? Array.IndexOf(QuarterlySpecialCheckTypes, t.VenueType) : 99).ThenByDescending(t => t.Venues)];
    }

    private static async Task<IReadOnlyList<FindingCount>> FindingsAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        // The month's failed items first (partial index on failed items), then their venues by key: no scan of all venues.
        const string sql = """
            WITH f AS MATERIALIZED (
                SELECT vi.item_code, vi.item_id, v.venue_id
                FROM {visits} v JOIN {visit_items} vi ON vi.visit_id = v.id AND vi.outcome = 'Fail'
                WHERE v.status <> 'Conflict' AND v.submitted_at >= @t0 AND v.submitted_at < @t1 AND v.jurisdiction_id = ANY(@jids))
            SELECT f.item_code, coalesce(max(ci.text_zh), f.item_code), ve.type, count(*)::int AS n
            FROM f
            JOIN venues ve ON ve.id = f.venue_id
            LEFT JOIN {checklist_items} ci ON ci.id = f.item_id
            GROUP BY f.item_code, ve.type
            ORDER BY n DESC, f.item_code, ve.type
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
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

    private static async Task<NoticeFunnel> FunnelAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
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
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new NoticeFunnel(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4));
    }

    private static async Task<IReadOnlyList<OverdueNotice>> OverdueAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
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
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<OverdueNotice>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new OverdueNotice(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetFieldValue<DateOnly>(7), r.GetInt32(8)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<OfficerWorkload>> WorkloadAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        const string sql = "WITH " + PlanCtes + """
            ,
            planned AS (
                SELECT oid::uuid AS officer_id, count(*) AS n
                FROM pvd JOIN ops o ON o.id = pvd.operation_id
                CROSS JOIN LATERAL jsonb_array_elements(o.teams) t
                CROSS JOIN LATERAL jsonb_array_elements_text(t -> 'officerIds') oid
                WHERE (t ->> 'number')::int = pvd.team_number
                GROUP BY 1),
            done AS (SELECT u AS officer_id, count(*) AS n FROM mv CROSS JOIN LATERAL unnest(mv.officer_ids) u GROUP BY 1),
            issued AS (
                SELECT u AS officer_id, count(*) AS n
                FROM {rectification_notices} n CROSS JOIN LATERAL unnest(n.officer_ids) u
                WHERE n.status <> 'Draft' AND n.issued_at >= @t0 AND n.issued_at < @t1 AND n.jurisdiction_id = ANY(@jids)
                GROUP BY 1)
            SELECT o.id, o.name, d.short_name, d.kind, coalesce(planned.n, 0)::int, coalesce(done.n, 0)::int, coalesce(issued.n, 0)::int
            FROM officers o JOIN departments d ON d.id = o.department_id
            LEFT JOIN planned ON planned.officer_id = o.id
            LEFT JOIN done ON done.officer_id = o.id
            LEFT JOIN issued ON issued.officer_id = o.id
            WHERE (o.jurisdiction_id = ANY(@jids) AND o.status = 'Active') OR planned.n IS NOT NULL OR done.n IS NOT NULL
            ORDER BY coalesce(done.n, 0) DESC, coalesce(planned.n, 0) DESC, o.name
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<OfficerWorkload>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new OfficerWorkload(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<MonthTrend>> TrendAsync(NpgsqlConnection c, Sources src, DashboardScope s, Bounds p, CancellationToken ct)
    {
        // One grouped scan per table over the 12 months ending with the chosen one; notices by the month they were issued.
        const string sql = $$"""
            WITH m AS (SELECT generate_series(@m0::date, (@d1::date - interval '1 month')::date, interval '1 month')::date AS d),
            pl AS (
                SELECT date_trunc('month', po.date)::date AS d, count(*) AS n
                FROM planned_visits pv JOIN planned_operations po ON po.id = pv.operation_id JOIN monthly_plans mp ON mp.id = po.plan_id
                WHERE mp.status <> 'Superseded' AND po.date >= @m0 AND po.date < @d1 AND po.jurisdiction_id = ANY(@jids)
                GROUP BY 1),
            yv AS (
                SELECT v.id, date_trunc('month', v.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS d
                FROM {visits} v
                WHERE v.status <> 'Conflict' AND v.submitted_at >= @tm0 AND v.submitted_at < @t1 AND v.jurisdiction_id = ANY(@jids)),
            vs AS (SELECT d, count(*) AS n FROM yv GROUP BY 1),
            fi AS (SELECT yv.d, count(*) AS n FROM {visit_items} vi JOIN yv ON yv.id = vi.visit_id WHERE vi.outcome = 'Fail' GROUP BY 1),
            ns AS (
                SELECT date_trunc('month', n.issued_at AT TIME ZONE 'Asia/Shanghai')::date AS d, count(*) AS n,
                       count(*) FILTER (WHERE {{RectifiedPredicate}}) AS rectified
                FROM {rectification_notices} n
                WHERE n.status <> 'Draft' AND n.issued_at >= @tm0 AND n.issued_at < @t1 AND n.jurisdiction_id = ANY(@jids)
                GROUP BY 1)
            SELECT m.d, coalesce(pl.n, 0)::int, coalesce(vs.n, 0)::int, coalesce(fi.n, 0)::int, coalesce(ns.n, 0)::int, coalesce(ns.rectified, 0)::int
            FROM m LEFT JOIN pl ON pl.d = m.d LEFT JOIN vs ON vs.d = m.d LEFT JOIN fi ON fi.d = m.d LEFT JOIN ns ON ns.d = m.d
            ORDER BY m.d
            """;
        await using var cmd = Command(c, src, s, p, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
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
