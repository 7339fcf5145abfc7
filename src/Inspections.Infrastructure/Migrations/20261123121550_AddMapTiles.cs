using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddMapTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "capture_blobs",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    stored_path = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capture_blobs", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "checklist_packs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_packs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checklist_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pack_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    text_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    text_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    department_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    penalty_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    penalty_range_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    default_deadline_days = table.Column<int>(type: "integer", nullable: false),
                    requirement_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_checklist_items_checklist_packs_pack_id",
                        column: x => x.pack_id,
                        principalTable: "checklist_packs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    planned_visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    planned_operation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reinspection_of_notice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    jurisdiction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    officer_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    department_kinds = table.Column<string[]>(type: "text[]", nullable: false),
                    pack_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pack_version = table.Column<int>(type: "integer", nullable: false),
                    checkin_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checkin_location = table.Column<Point>(type: "geography(Point,4326)", nullable: false),
                    checkin_accuracy_m = table.Column<double>(type: "double precision", nullable: true),
                    checkin_distance_m = table.Column<double>(type: "double precision", nullable: false),
                    distance_ack_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    person_present_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    person_present_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    person_present_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    person_present_id_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    person_present_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    enforcement_ids_shown = table.Column<bool>(type: "boolean", nullable: false),
                    recusal_offered = table.Column<bool>(type: "boolean", nullable: false),
                    findings_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    party_comments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    party_refused_to_sign = table.Column<bool>(type: "boolean", nullable: false),
                    witness_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    device_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    device_submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    server_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_visits_checklist_packs_pack_id",
                        column: x => x.pack_id,
                        principalTable: "checklist_packs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_visits_jurisdictions_jurisdiction_id",
                        column: x => x.jurisdiction_id,
                        principalTable: "jurisdictions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_visits_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stored_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    stored_content = table.Column<string>(type: "jsonb", nullable: false),
                    rejected_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    rejected_content = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_conflicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_visit_conflicts_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_items",
                columns: table => new
                {
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_items", x => new { x.visit_id, x.item_id });
                    table.ForeignKey(
                        name: "fk_visit_items_checklist_items_item_id",
                        column: x => x.item_id,
                        principalTable: "checklist_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_visit_items_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    stored_path = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    bytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_visit_photos_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_signatures",
                columns: table => new
                {
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    signer_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    stored_path = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_signatures", x => new { x.visit_id, x.signer });
                    table.ForeignKey(
                        name: "fk_visit_signatures_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checklist_items_pack_id_code",
                table: "checklist_items",
                columns: new[] { "pack_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checklist_packs_current",
                table: "checklist_packs",
                column: "venue_type",
                unique: true,
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "ix_checklist_packs_venue_type_version",
                table: "checklist_packs",
                columns: new[] { "venue_type", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_visit_conflicts_visit_id_rejected_sha256",
                table: "visit_conflicts",
                columns: new[] { "visit_id", "rejected_sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_visit_items_item_id",
                table: "visit_items",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_photos_sha256",
                table: "visit_photos",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_visit_photos_visit_id",
                table: "visit_photos",
                column: "visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_signatures_sha256",
                table: "visit_signatures",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_visits_jurisdiction_id_submitted_at",
                table: "visits",
                columns: new[] { "jurisdiction_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_visits_officer_ids",
                table: "visits",
                column: "officer_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_visits_pack_id",
                table: "visits",
                column: "pack_id");

            migrationBuilder.CreateIndex(
                name: "ix_visits_planned_visit_id",
                table: "visits",
                column: "planned_visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_visits_venue_id_submitted_at",
                table: "visits",
                columns: new[] { "venue_id", "submitted_at" });

            // Map (ADR 16): venues in Web Mercator, stored and indexed, so tiles never transform points per request.
            migrationBuilder.Sql("ALTER TABLE venues ADD COLUMN location_3857 geometry(Point,3857) GENERATED ALWAYS AS (ST_Transform(location::geometry, 3857)) STORED;");
            migrationBuilder.Sql("CREATE INDEX ix_venues_location_3857 ON venues USING gist (location_3857);");
            // WGS-84 -> GCJ-02 for tiles drawn on a GCJ-02 base map (display only; same formula as Map/Gcj02.cs).
            migrationBuilder.Sql("""
        CREATE OR REPLACE FUNCTION map_wgs84_to_gcj02(g geometry) RETURNS geometry
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT CASE WHEN x < 72.004 OR x > 137.8347 OR y < 0.8293 OR y > 55.8271 THEN g ELSE
          ST_SetSRID(ST_MakePoint(
            x + (dlon * 180.0 / (6378245.0 / sqrt(magic) * cos(radlat) * pi())),
            y + (dlat * 180.0 / (6378245.0 * (1 - 0.00669342162296594323) / (magic * sqrt(magic)) * pi()))), 4326) END
        FROM (
          SELECT x, y, radlat, 1 - 0.00669342162296594323 * sin(radlat) * sin(radlat) AS magic,
            -100.0 + 2.0 * (x - 105) + 3.0 * (y - 35) + 0.2 * (y - 35) * (y - 35) + 0.1 * (x - 105) * (y - 35) + 0.2 * sqrt(abs(x - 105))
              + (20.0 * sin(6.0 * (x - 105) * pi()) + 20.0 * sin(2.0 * (x - 105) * pi())) * 2.0 / 3.0
              + (20.0 * sin((y - 35) * pi()) + 40.0 * sin((y - 35) / 3.0 * pi())) * 2.0 / 3.0
              + (160.0 * sin((y - 35) / 12.0 * pi()) + 320 * sin((y - 35) * pi() / 30.0)) * 2.0 / 3.0 AS dlat,
            300.0 + (x - 105) + 2.0 * (y - 35) + 0.1 * (x - 105) * (x - 105) + 0.1 * (x - 105) * (y - 35) + 0.1 * sqrt(abs(x - 105))
              + (20.0 * sin(6.0 * (x - 105) * pi()) + 20.0 * sin(2.0 * (x - 105) * pi())) * 2.0 / 3.0
              + (20.0 * sin((x - 105) * pi()) + 40.0 * sin((x - 105) / 3.0 * pi())) * 2.0 / 3.0
              + (150.0 * sin((x - 105) / 12.0 * pi()) + 300.0 * sin((x - 105) / 30.0 * pi())) * 2.0 / 3.0 AS dlon
          FROM (SELECT ST_X(g) AS x, ST_Y(g) AS y, ST_Y(g) / 180.0 * pi() AS radlat) p
        ) q
        $fn$;
        """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS map_wgs84_to_gcj02(geometry);");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_venues_location_3857;");
            migrationBuilder.Sql("ALTER TABLE venues DROP COLUMN IF EXISTS location_3857;");

            migrationBuilder.DropTable(
                name: "capture_blobs");

            migrationBuilder.DropTable(
                name: "visit_conflicts");

            migrationBuilder.DropTable(
                name: "visit_items");

            migrationBuilder.DropTable(
                name: "visit_photos");

            migrationBuilder.DropTable(
                name: "visit_signatures");

            migrationBuilder.DropTable(
                name: "checklist_items");

            migrationBuilder.DropTable(
                name: "visits");

            migrationBuilder.DropTable(
                name: "checklist_packs");
        }
    }
}
