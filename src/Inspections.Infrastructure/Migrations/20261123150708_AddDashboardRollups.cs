using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddDashboardRollups : Migration
    {
        /// <summary>
        /// The monthly roll-up of the dashboard trend and its change marks (ADR 18). Raw SQL: the tables are derived data
        /// read and written only by set-based statements (no EF entities), and the marks come from statement-level
        /// triggers with transition tables on the source tables, so every writer (EF, raw SQL, imports) marks the
        /// (jurisdiction, local month) pairs it changed, in its own transaction.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE dashboard_monthly (
                    month date NOT NULL,
                    jurisdiction_id uuid NOT NULL,
                    visits_planned integer NOT NULL,
                    visits integer NOT NULL,
                    failed_items integer NOT NULL,
                    notices_issued integer NOT NULL,
                    notices_rectified integer NOT NULL,
                    computed_at timestamp with time zone NOT NULL,
                    CONSTRAINT pk_dashboard_monthly PRIMARY KEY (month, jurisdiction_id));

                CREATE TABLE dashboard_rollup_months (
                    month date NOT NULL CONSTRAINT pk_dashboard_rollup_months PRIMARY KEY,
                    computed_at timestamp with time zone NOT NULL);

                CREATE TABLE dashboard_rollup_dirty (
                    id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_dashboard_rollup_dirty PRIMARY KEY,
                    jurisdiction_id uuid NOT NULL,
                    month date NOT NULL,
                    marked_at timestamp with time zone NOT NULL DEFAULT now());
                CREATE INDEX ix_dashboard_rollup_dirty_month_jurisdiction_id ON dashboard_rollup_dirty (month, jurisdiction_id);

                CREATE FUNCTION dashboard_local_month(t timestamp with time zone) RETURNS date
                    LANGUAGE sql STABLE AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date $$;

                -- visit_items: failed items (added, removed, or outcome changed) mark their visit's jurisdiction and month.
                CREATE FUNCTION dashboard_mark_visit_items() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT v.jurisdiction_id, dashboard_local_month(v.submitted_at)
                        FROM (SELECT DISTINCT visit_id FROM new_rows WHERE outcome = 'Fail') x JOIN visits v ON v.id = x.visit_id
                        WHERE v.jurisdiction_id IS NOT NULL AND v.submitted_at IS NOT NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT v.jurisdiction_id, dashboard_local_month(v.submitted_at)
                        FROM (SELECT DISTINCT visit_id FROM old_rows WHERE outcome = 'Fail') x JOIN visits v ON v.id = x.visit_id
                        WHERE v.jurisdiction_id IS NOT NULL AND v.submitted_at IS NOT NULL;
                    ELSE
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT v.jurisdiction_id, dashboard_local_month(v.submitted_at)
                        FROM (SELECT o.visit_id FROM old_rows o LEFT JOIN new_rows n ON n.visit_id = o.visit_id AND n.item_id = o.item_id
                              WHERE o.outcome = 'Fail' AND (n.visit_id IS NULL OR n.outcome IS DISTINCT FROM 'Fail')
                              UNION
                              SELECT n.visit_id FROM new_rows n LEFT JOIN old_rows o ON o.visit_id = n.visit_id AND o.item_id = n.item_id
                              WHERE n.outcome = 'Fail' AND (o.visit_id IS NULL OR o.outcome IS DISTINCT FROM 'Fail')) x
                        JOIN visits v ON v.id = x.visit_id
                        WHERE v.jurisdiction_id IS NOT NULL AND v.submitted_at IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END $$;

                -- planned_visits: added or removed planned visits mark their operation's jurisdiction and month.
                CREATE FUNCTION dashboard_mark_planned_visits() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT po.jurisdiction_id, date_trunc('month', po.date)::date
                        FROM (SELECT DISTINCT operation_id FROM new_rows) x JOIN planned_operations po ON po.id = x.operation_id
                        WHERE po.jurisdiction_id IS NOT NULL;
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT po.jurisdiction_id, date_trunc('month', po.date)::date
                        FROM (SELECT DISTINCT operation_id FROM old_rows) x JOIN planned_operations po ON po.id = x.operation_id
                        WHERE po.jurisdiction_id IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END $$;

                -- monthly_plans: a plan superseded (or reinstated) changes the planned visits of all its operations.
                CREATE FUNCTION dashboard_mark_plans() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                    SELECT DISTINCT po.jurisdiction_id, date_trunc('month', po.date)::date
                    FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.status IS DISTINCT FROM n.status
                    JOIN planned_operations po ON po.plan_id = n.id
                    WHERE po.jurisdiction_id IS NOT NULL;
                    RETURN NULL;
                END $$;
                """);

            foreach (var (function, month, columns) in new[]
                     {
                         // visits: a counted visit's jurisdiction and month (inserted, deleted, or moved in place, time or status).
                         ("dashboard_mark_visits", "dashboard_local_month({0}.submitted_at)", "jurisdiction_id, submitted_at, status"),
                         // notices: the month a notice was issued in (status, escalation and issue time count).
                         ("dashboard_mark_notices", "dashboard_local_month({0}.issued_at)", "jurisdiction_id, issued_at, status, escalated_at"),
                         // operations: an operation's jurisdiction and month (its planned visits are counted there).
                         ("dashboard_mark_operations", "date_trunc('month', {0}.date)::date", "jurisdiction_id, date, plan_id"),
                     })
            {
                migrationBuilder.Sql(MarkFunction(function, month, columns));
            }

            foreach (var (table, function) in new[]
                     {
                         ("visits", "dashboard_mark_visits"), ("visit_items", "dashboard_mark_visit_items"),
                         ("rectification_notices", "dashboard_mark_notices"), ("planned_operations", "dashboard_mark_operations"),
                         ("planned_visits", "dashboard_mark_planned_visits"),
                     })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER tr_{table}_dashboard_insert AFTER INSERT ON {table}
                        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER tr_{table}_dashboard_update AFTER UPDATE ON {table}
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER tr_{table}_dashboard_delete AFTER DELETE ON {table}
                        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    """);
            }
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_monthly_plans_dashboard_update AFTER UPDATE ON monthly_plans
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_plans();
                """);
        }

        /// <summary>
        /// A trigger function marking the (jurisdiction, month) of every row inserted or deleted, and of both the old and the
        /// new version of every row whose <paramref name="columns"/> changed (other updates mark nothing). Rows without a
        /// jurisdiction or a month (drafts) are skipped. Each branch reads only the transition tables its event defines.
        /// </summary>
        private static string MarkFunction(string function, string month, string columns)
        {
            string Month(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, month, alias);
            var changed = "(" + string.Join(", ", columns.Split(", ").Select(c => "o." + c)) + ") IS DISTINCT FROM ("
                + string.Join(", ", columns.Split(", ").Select(c => "n." + c)) + ")";
            return $"""
                CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT jurisdiction_id, m FROM (SELECT n.jurisdiction_id, {Month("n")} AS m FROM new_rows n) x
                        WHERE jurisdiction_id IS NOT NULL AND m IS NOT NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT jurisdiction_id, m FROM (SELECT o.jurisdiction_id, {Month("o")} AS m FROM old_rows o) x
                        WHERE jurisdiction_id IS NOT NULL AND m IS NOT NULL;
                    ELSE
                        INSERT INTO dashboard_rollup_dirty (jurisdiction_id, month)
                        SELECT DISTINCT jurisdiction_id, m FROM (
                            SELECT o.jurisdiction_id, {Month("o")} AS m FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed}
                            UNION ALL
                            SELECT n.jurisdiction_id, {Month("n")} AS m FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed}) x
                        WHERE jurisdiction_id IS NOT NULL AND m IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END $$;
                """;
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "visits", "visit_items", "rectification_notices", "planned_operations", "planned_visits" })
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER tr_{table}_dashboard_insert ON {table};
                    DROP TRIGGER tr_{table}_dashboard_update ON {table};
                    DROP TRIGGER tr_{table}_dashboard_delete ON {table};
                    """);
            }
            migrationBuilder.Sql("""
                DROP TRIGGER tr_monthly_plans_dashboard_update ON monthly_plans;
                DROP FUNCTION dashboard_mark_visits(), dashboard_mark_visit_items(), dashboard_mark_notices(), dashboard_mark_operations(),
                    dashboard_mark_planned_visits(), dashboard_mark_plans(), dashboard_local_month(timestamp with time zone);
                DROP TABLE dashboard_rollup_dirty, dashboard_rollup_months, dashboard_monthly;
                """);
        }
    }
}
