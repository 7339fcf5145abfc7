using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ResolveVisitConflicts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "reviewed_by",
                table: "visit_conflicts",
                newName: "resolved_by");

            migrationBuilder.RenameColumn(
                name: "reviewed_at",
                table: "visit_conflicts",
                newName: "resolved_at");

            migrationBuilder.AddColumn<string>(
                name: "decision",
                table: "visit_conflicts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "visit_conflicts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "visit_conflicts",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateIndex(
                name: "ix_visit_conflicts_open",
                table: "visit_conflicts",
                column: "received_at",
                filter: "resolved_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_visit_conflicts_open",
                table: "visit_conflicts");

            migrationBuilder.DropColumn(
                name: "decision",
                table: "visit_conflicts");

            migrationBuilder.DropColumn(
                name: "note",
                table: "visit_conflicts");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "visit_conflicts");

            migrationBuilder.RenameColumn(
                name: "resolved_by",
                table: "visit_conflicts",
                newName: "reviewed_by");

            migrationBuilder.RenameColumn(
                name: "resolved_at",
                table: "visit_conflicts",
                newName: "reviewed_at");
        }
    }
}
