using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddDashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_visits_jurisdiction_id_submitted_at",
                table: "visits");

            migrationBuilder.DropIndex(
                name: "ix_venues_jurisdiction_id_type_status",
                table: "venues");

            migrationBuilder.CreateIndex(
                name: "ix_visits_jurisdiction_id_submitted_at",
                table: "visits",
                columns: new[] { "jurisdiction_id", "submitted_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "venue_id", "status", "kind", "officer_ids", "department_kinds" });

            migrationBuilder.CreateIndex(
                name: "ix_visit_items_visit_id_failed",
                table: "visit_items",
                column: "visit_id",
                filter: "outcome = 'Fail'")
                .Annotation("Npgsql:IndexInclude", new[] { "item_id", "item_code" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_jurisdiction_id_type_status",
                table: "venues",
                columns: new[] { "jurisdiction_id", "type", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "id" });

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_jurisdiction_id_issued_at",
                table: "rectification_notices",
                columns: new[] { "jurisdiction_id", "issued_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "served_at", "escalated_at", "deadline", "officer_ids" });

            migrationBuilder.CreateIndex(
                name: "ix_rectification_notices_open_deadline",
                table: "rectification_notices",
                columns: new[] { "deadline", "number" },
                filter: "status IN ('Issued', 'Served', 'Overdue')")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "jurisdiction_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_visits_jurisdiction_id_submitted_at",
                table: "visits");

            migrationBuilder.DropIndex(
                name: "ix_visit_items_visit_id_failed",
                table: "visit_items");

            migrationBuilder.DropIndex(
                name: "ix_venues_jurisdiction_id_type_status",
                table: "venues");

            migrationBuilder.DropIndex(
                name: "ix_rectification_notices_jurisdiction_id_issued_at",
                table: "rectification_notices");

            migrationBuilder.DropIndex(
                name: "ix_rectification_notices_open_deadline",
                table: "rectification_notices");

            migrationBuilder.CreateIndex(
                name: "ix_visits_jurisdiction_id_submitted_at",
                table: "visits",
                columns: new[] { "jurisdiction_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_jurisdiction_id_type_status",
                table: "venues",
                columns: new[] { "jurisdiction_id", "type", "status" });
        }
    }
}
