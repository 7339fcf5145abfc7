using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    seq = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    prev_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, defaultValue: "")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_seq",
                table: "audit_log",
                column: "seq",
                unique: true);

            migrationBuilder.Sql("""
                CREATE TABLE audit_head (
                    id integer PRIMARY KEY CHECK (id = 1),
                    count bigint NOT NULL,
                    last_hash text NOT NULL);

                CREATE FUNCTION audit_row_hash(prev text, id bigint, at timestamptz, user_name text, entity_type text,
                                               entity_id text, action text, before jsonb, after jsonb)
                RETURNS text LANGUAGE sql IMMUTABLE AS $$
                    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
                        coalesce(prev, ''), id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                        user_name, entity_type, entity_id, action, coalesce(before::text, ''), coalesce(after::text, '')),
                        'UTF8')), 'hex')
                $$;

                -- Chains every new row to the previous one. The advisory lock serialises writers until commit,
                -- so seq order is commit order and no two rows share a predecessor.
                CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    head audit_head%ROWTYPE;
                BEGIN
                    PERFORM pg_advisory_xact_lock(7314159265);
                    SELECT * INTO head FROM audit_head WHERE id = 1;
                    NEW.seq := coalesce(head.count, 0) + 1;
                    NEW.prev_hash := head.last_hash;
                    NEW.hash := audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.user_name, NEW.entity_type,
                                               NEW.entity_id, NEW.action, NEW.before, NEW.after);
                    INSERT INTO audit_head (id, count, last_hash) VALUES (1, NEW.seq, NEW.hash)
                    ON CONFLICT (id) DO UPDATE SET count = EXCLUDED.count, last_hash = EXCLUDED.last_hash;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER audit_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain();

                -- The application never changes or removes audit rows; the chain still detects it if someone does.
                CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only';
                END $$;

                CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_append_only ON audit_log;
                DROP TRIGGER IF EXISTS audit_chain ON audit_log;
                DROP FUNCTION IF EXISTS audit_append_only();
                DROP FUNCTION IF EXISTS audit_chain();
                DROP FUNCTION IF EXISTS audit_row_hash(text, bigint, timestamptz, text, text, text, text, jsonb, jsonb);
                DROP TABLE IF EXISTS audit_head;
                """);

            migrationBuilder.DropTable(
                name: "audit_log");
        }
    }
}
