using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StorePlanDocumentsCompressed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR 18: the plan's recorded input, draw log and unplanned list become gzip JSON written by the application.
            // Existing rows keep their JSON as plain UTF-8 bytes (the reader accepts both); EXTERNAL storage stops
            // PostgreSQL from trying to compress already compressed values again.
            migrationBuilder.Sql("""
                ALTER TABLE monthly_plans
                    ALTER COLUMN input TYPE bytea USING convert_to(input::text, 'UTF8'),
                    ALTER COLUMN draw_log TYPE bytea USING convert_to(draw_log::text, 'UTF8'),
                    ALTER COLUMN unplanned TYPE bytea USING convert_to(unplanned::text, 'UTF8');
                ALTER TABLE monthly_plans
                    ALTER COLUMN input SET STORAGE EXTERNAL,
                    ALTER COLUMN draw_log SET STORAGE EXTERNAL,
                    ALTER COLUMN unplanned SET STORAGE EXTERNAL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only plans stored before this migration (plain UTF-8) convert back; gzip values stop the rollback with an
            // encoding error instead of losing them.
            migrationBuilder.Sql("""
                ALTER TABLE monthly_plans
                    ALTER COLUMN input SET STORAGE EXTENDED,
                    ALTER COLUMN draw_log SET STORAGE EXTENDED,
                    ALTER COLUMN unplanned SET STORAGE EXTENDED;
                ALTER TABLE monthly_plans
                    ALTER COLUMN input TYPE jsonb USING convert_from(input, 'UTF8')::jsonb,
                    ALTER COLUMN draw_log TYPE jsonb USING convert_from(draw_log, 'UTF8')::jsonb,
                    ALTER COLUMN unplanned TYPE jsonb USING convert_from(unplanned, 'UTF8')::jsonb;
                """);
        }
    }
}
