using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddProgressReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "edits",
                table: "monthly_plans",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "notice_number_counters",
                columns: table => new
                {
                    issuing_authority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    next_serial = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_number_counters", x => new { x.issuing_authority, x.year });
                });

            migrationBuilder.CreateTable(
                name: "officer_calendar_feeds",
                columns: table => new
                {
                    officer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_officer_calendar_feeds", x => x.officer_id);
                    table.ForeignKey(
                        name: "fk_officer_calendar_feeds_officers_officer_id",
                        column: x => x.officer_id,
                        principalTable: "officers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "operation_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    operation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_number = table.Column<int>(type: "integer", nullable: false),
                    officer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    operation_date = table.Column<DateOnly>(type: "date", nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_operation_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_operation_reminders_monthly_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "monthly_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_operation_reminders_officers_officer_id",
                        column: x => x.officer_id,
                        principalTable: "officers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_operation_reminders_planned_operation_record_operation_id",
                        column: x => x.operation_id,
                        principalTable: "planned_operations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "print_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    selection = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    documents_done = table.Column<int>(type: "integer", nullable: false),
                    documents_total = table.Column<int>(type: "integer", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_print_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "progress_report_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    street_jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    reminded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recipients = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_report_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_report_reminders_jurisdictions_street_jurisdiction",
                        column: x => x.street_jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    street_jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    publicity_progress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    publicity_data = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    publicity_next = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    investigation_progress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    investigation_data = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    investigation_next = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    enforcement_progress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    enforcement_data = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    enforcement_next = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    rectification_progress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    rectification_data = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    rectification_next = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_jurisdictions_street_jurisdiction_id",
                        column: x => x.street_jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectification_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    issuing_authority = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    authority_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number_prefix = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    serial = table.Column<int>(type: "integer", nullable: true),
                    number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    inspected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    officer_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    party_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    party_credit_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    party_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    party_legal_representative = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    facts_found = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    specific_legal_basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    consequences = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    review_authority = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    court = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    contact_person = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    served_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    service_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    party_signed = table.Column<bool>(type: "boolean", nullable: false),
                    received_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    party_refused = table.Column<bool>(type: "boolean", nullable: false),
                    witness = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    served_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    verification_token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reinspection_visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_notices_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rectification_notices_jurisdictions_jurisdiction_id",
                        column: x => x.jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rectification_notices_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    penalty_basis = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    penalty_range = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    referred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    on_notification_list = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalations_rectification_notice_notice_id",
                        column: x => x.notice_id,
                        principalTable: "rectification_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_escalations_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    officer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_officers_officer_id",
                        column: x => x.officer_id,
                        principalTable: "officers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_rectification_notice_notice_id",
                        column: x => x.notice_id,
                        principalTable: "rectification_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectification_notice_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    item_text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    observation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    legal_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    penalty_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    penalty_range = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    requirement = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_notice_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_notice_items_rectification_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "rectification_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reinspection_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    officer_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    item_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reinspection_visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reinspection_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_reinspection_tasks_rectification_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "rectification_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reinspection_tasks_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_jurisdiction_id",
                table: "escalations",
                column: "jurisdiction_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_notice_id",
                table: "escalations",
                column: "notice_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalations_venue_id",
                table: "escalations",
                column: "venue_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notice_id_officer_id_kind",
                table: "notifications",
                columns: new[] { "notice_id", "officer_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_officer_id_read_at",
                table: "notifications",
                columns: new[] { "officer_id", "read_at" });

            migrationBuilder.CreateIndex(
                name: "ix_officer_calendar_feeds_token_hash",
                table: "officer_calendar_feeds",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_operation_reminders_officer_id_operation_date",
                table: "operation_reminders",
                columns: new[] { "officer_id", "operation_date" });

            migrationBuilder.CreateIndex(
                name: "ix_operation_reminders_operation_id_officer_id",
                table: "operation_reminders",
                columns: new[] { "operation_id", "officer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_operation_reminders_plan_id",
                table: "operation_reminders",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_print_batches_requested_by_created_at",
                table: "print_batches",
                columns: new[] { "requested_by", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_report_reminders_street_jurisdiction_id_year_month",
                table: "progress_report_reminders",
                columns: new[] { "street_jurisdiction_id", "year", "month", "reminded_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_street_jurisdiction_id_year_month",
                table: "progress_reports",
                columns: new[] { "street_jurisdiction_id", "year", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notice_items_notice_id_item_code",
                table: "rectification_notice_items",
                columns: new[] { "notice_id", "item_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_authority_key_year_serial",
                table: "rectification_notices",
                columns: new[] { "authority_key", "year", "serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_department_id",
                table: "rectification_notices",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_jurisdiction_id",
                table: "rectification_notices",
                column: "jurisdiction_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_number",
                table: "rectification_notices",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_status_deadline",
                table: "rectification_notices",
                columns: new[] { "status", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_venue_id",
                table: "rectification_notices",
                column: "venue_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_verification_token",
                table: "rectification_notices",
                column: "verification_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_visit_id_department_kind",
                table: "rectification_notices",
                columns: new[] { "visit_id", "department_kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reinspection_tasks_notice_id",
                table: "reinspection_tasks",
                column: "notice_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reinspection_tasks_officer_ids",
                table: "reinspection_tasks",
                column: "officer_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_reinspection_tasks_status_due_date",
                table: "reinspection_tasks",
                columns: new[] { "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_reinspection_tasks_venue_id",
                table: "reinspection_tasks",
                column: "venue_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "notice_number_counters");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "officer_calendar_feeds");

            migrationBuilder.DropTable(
                name: "operation_reminders");

            migrationBuilder.DropTable(
                name: "print_batches");

            migrationBuilder.DropTable(
                name: "progress_report_reminders");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "rectification_notice_items");

            migrationBuilder.DropTable(
                name: "reinspection_tasks");

            migrationBuilder.DropTable(
                name: "rectification_notices");

            migrationBuilder.DropColumn(
                name: "edits",
                table: "monthly_plans");
        }
    }
}
