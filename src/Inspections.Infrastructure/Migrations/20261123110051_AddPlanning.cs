using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddPlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    street_jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    input_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    algorithm = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    input = table.Column<string>(type: "jsonb", nullable: false),
                    draw_log = table.Column<string>(type: "jsonb", nullable: false),
                    unplanned = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approval_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_monthly_plans_jurisdictions_street_jurisdiction_id",
                        column: x => x.street_jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "officer_conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    officer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_officer_conflicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_officer_conflicts_officers_officer_id",
                        column: x => x.officer_id,
                        principalTable: "officers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_officer_conflicts_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planned_operations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    teams = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_operations", x => x.id);
                    table.ForeignKey(
                        name: "fk_planned_operations_jurisdictions_jurisdiction_id",
                        column: x => x.jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_planned_operations_monthly_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "monthly_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planned_visits",
                columns: table => new
                {
                    operation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_number = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    arrival_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    travel_metres = table.Column<int>(type: "integer", nullable: false),
                    travel_minutes = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_visits", x => new { x.operation_id, x.team_number, x.sequence });
                    table.ForeignKey(
                        name: "fk_planned_visits_monthly_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "monthly_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_planned_visits_planned_operations_operation_id",
                        column: x => x.operation_id,
                        principalTable: "planned_operations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_plans_year_month",
                table: "monthly_plans",
                columns: new[] { "year", "month" });

            migrationBuilder.CreateIndex(
                name: "ux_monthly_plans_active_street_month",
                table: "monthly_plans",
                columns: new[] { "street_jurisdiction_id", "year", "month" },
                unique: true,
                filter: "status <> 'Superseded'");

            migrationBuilder.CreateIndex(
                name: "ix_officer_conflicts_officer_id_venue_id",
                table: "officer_conflicts",
                columns: new[] { "officer_id", "venue_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_officer_conflicts_venue_id",
                table: "officer_conflicts",
                column: "venue_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_operations_jurisdiction_id_date",
                table: "planned_operations",
                columns: new[] { "jurisdiction_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_planned_operations_plan_id_number",
                table: "planned_operations",
                columns: new[] { "plan_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_planned_visits_plan_id",
                table: "planned_visits",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_visits_venue_id",
                table: "planned_visits",
                column: "venue_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "officer_conflicts");

            migrationBuilder.DropTable(
                name: "planned_visits");

            migrationBuilder.DropTable(
                name: "planned_operations");

            migrationBuilder.DropTable(
                name: "monthly_plans");
        }
    }
}
