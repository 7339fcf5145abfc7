namespace Inspections.Infrastructure.Dashboard;

/// <summary>
/// The monthly roll-up of the 12-month trend (ADR 18): per jurisdiction and local month, the trend's five counts. The
/// live trend and the roll-up job use the same statement (<see cref="Measures"/>), so both paths count alike by
/// construction; the tests also compare them on the same months.
/// <list type="bullet">
/// <item><c>dashboard_monthly</c>: the counts of one (jurisdiction, month); a missing row is all zeros.</item>
/// <item><c>dashboard_rollup_months</c>: the months that were computed (for every jurisdiction) and when.</item>
/// <item><c>dashboard_rollup_dirty</c>: (jurisdiction, month) pairs changed since, written by statement-level triggers on
/// the source tables in the writer's own transaction; the dashboard computes those pairs live until the job recomputes them.</item>
/// </list>
/// </summary>
public static class DashboardRollups
{
    public const string MonthlyTable = "dashboard_monthly";

    public const string MonthsTable = "dashboard_rollup_months";

    public const string DirtyTable = "dashboard_rollup_dirty";

    /// <summary>A month is rolled up once it ended this many days ago (late offline submissions are then rare; any later change is caught by the triggers anyway).</summary>
    public const int ClosedAfterDays = 7;

    /// <summary>How many months back the nightly job keeps rolled up (the trend of any month of the last year needs 23).</summary>
    public const int MonthsKept = 24;

    /// <summary>Empty stand-in of <see cref="MonthlyTable"/> for a database without the roll-up tables.</summary>
    public const string MonthlyStub =
        "(SELECT NULL::uuid AS jurisdiction_id, NULL::date AS month, 0 AS visits_planned, 0 AS visits, 0 AS failed_items, 0 AS notices_issued, 0 AS notices_rectified WHERE false)";

    /// <summary>The statement with its <c>{table}</c> placeholders replaced by the real tables (the job runs only where they exist).</summary>
    public static string WithTables(string sql)
    {
        foreach (var t in new[] { "visits", "visit_items", "rectification_notices", MonthlyTable })
        {
            sql = sql.Replace("{" + t + "}", t, StringComparison.Ordinal);
        }
        return sql;
    }

    /// <summary>Whether the local month starting <paramref name="month"/> is closed on <paramref name="today"/>.</summary>
    public static bool IsClosed(DateOnly month, DateOnly today) => month.AddMonths(1).AddDays(ClosedAfterDays) <= today;

    /// <summary>
    /// CTEs ending in <c>measures(j, d, visits_planned, visits, failed_items, notices_issued, notices_rectified)</c>: the
    /// trend's counts per jurisdiction and local month over a window of whole months, with the definitions of ADR 17 (a
    /// visit counts unless a conflicting duplicate; planned visits of plans not superseded; notices by the month they were
    /// issued, not drafts; rectified = Rectified/Closed and not escalated). Months are Asia/Shanghai calendar months.
    /// </summary>
    /// <param name="jurisdiction">Condition on the row's jurisdiction, e.g. <c>= ANY(@jids)</c>.</param>
    /// <param name="from">Date parameter of the window's first month.</param>
    /// <param name="to">Date parameter of the first month after the window.</param>
    /// <param name="fromInstant">The same as <paramref name="from"/> as an instant (local midnight).</param>
    /// <param name="toInstant">The same as <paramref name="to"/> as an instant.</param>
    public static string Measures(string jurisdiction, string from, string to, string fromInstant, string toInstant) => $$"""
        r_pl AS (
            SELECT po.jurisdiction_id AS j, date_trunc('month', po.date)::date AS d, count(*) AS n
            FROM planned_visits pv JOIN planned_operations po ON po.id = pv.operation_id JOIN monthly_plans mp ON mp.id = po.plan_id
            WHERE mp.status <> 'Superseded' AND po.date >= {{from}} AND po.date < {{to}} AND po.jurisdiction_id {{jurisdiction}}
            GROUP BY 1, 2),
        r_yv AS (
            SELECT v.id, v.jurisdiction_id AS j, date_trunc('month', v.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS d
            FROM {visits} v
            WHERE v.status <> 'Conflict' AND v.submitted_at >= {{fromInstant}} AND v.submitted_at < {{toInstant}} AND v.jurisdiction_id {{jurisdiction}}),
        r_vs AS (SELECT j, d, count(*) AS n FROM r_yv GROUP BY 1, 2),
        r_fi AS (SELECT r_yv.j, r_yv.d, count(*) AS n FROM {visit_items} vi JOIN r_yv ON r_yv.id = vi.visit_id WHERE vi.outcome = 'Fail' GROUP BY 1, 2),
        r_ns AS (
            SELECT n.jurisdiction_id AS j, date_trunc('month', n.issued_at AT TIME ZONE 'Asia/Shanghai')::date AS d, count(*) AS n,
                   count(*) FILTER (WHERE n.status IN ('Rectified', 'Closed') AND n.escalated_at IS NULL) AS rectified
            FROM {rectification_notices} n
            WHERE n.status <> 'Draft' AND n.issued_at >= {{fromInstant}} AND n.issued_at < {{toInstant}} AND n.jurisdiction_id {{jurisdiction}}
            GROUP BY 1, 2),
        measures AS (
            SELECT j, d, sum(pl)::int AS visits_planned, sum(vs)::int AS visits, sum(fi)::int AS failed_items,
                   sum(ni)::int AS notices_issued, sum(nr)::int AS notices_rectified
            FROM (SELECT j, d, n AS pl, 0 AS vs, 0 AS fi, 0 AS ni, 0 AS nr FROM r_pl
                  UNION ALL SELECT j, d, 0, n, 0, 0, 0 FROM r_vs
                  UNION ALL SELECT j, d, 0, 0, n, 0, 0 FROM r_fi
                  UNION ALL SELECT j, d, 0, 0, 0, n, rectified FROM r_ns) u
            GROUP BY j, d)
        """;
}
