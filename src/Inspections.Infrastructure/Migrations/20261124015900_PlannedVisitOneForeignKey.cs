using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PlannedVisitOneForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_planned_visits_monthly_plans_plan_id",
                table: "planned_visits");

            migrationBuilder.DropForeignKey(
                name: "fk_planned_visits_planned_operations_operation_id",
                table: "planned_visits");

            migrationBuilder.DropIndex(
                name: "ix_planned_visits_plan_id",
                table: "planned_visits");

            migrationBuilder.AddUniqueConstraint(
                name: "ak_planned_operations_plan_id_id",
                table: "planned_operations",
                columns: new[] { "plan_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_planned_visits_plan_id_operation_id",
                table: "planned_visits",
                columns: new[] { "plan_id", "operation_id" });

            migrationBuilder.AddForeignKey(
                name: "fk_planned_visits_planned_operations_plan_id_operation_id",
                table: "planned_visits",
                columns: new[] { "plan_id", "operation_id" },
                principalTable: "planned_operations",
                principalColumns: new[] { "plan_id", "id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_planned_visits_planned_operations_plan_id_operation_id",
                table: "planned_visits");

            migrationBuilder.DropIndex(
                name: "ix_planned_visits_plan_id_operation_id",
                table: "planned_visits");

            migrationBuilder.DropUniqueConstraint(
                name: "ak_planned_operations_plan_id_id",
                table: "planned_operations");

            migrationBuilder.CreateIndex(
                name: "ix_planned_visits_plan_id",
                table: "planned_visits",
                column: "plan_id");

            migrationBuilder.AddForeignKey(
                name: "fk_planned_visits_monthly_plans_plan_id",
                table: "planned_visits",
                column: "plan_id",
                principalTable: "monthly_plans",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_planned_visits_planned_operations_operation_id",
                table: "planned_visits",
                column: "operation_id",
                principalTable: "planned_operations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
