using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AuditChainSealedAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR 20: rows are inserted unsealed (no lock) and chained at commit by a deferred constraint trigger, so the
            // chain's advisory lock is held for the commit only, not from the first audit insert through the client's
            // further statements and round trips.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Unsealed placeholder, unique and visible only to the inserting transaction until audit_seal runs.
                    NEW.seq := -NEW.id;
                    NEW.prev_hash := NULL;
                    NEW.hash := '';
                    RETURN NEW;
                END $$;

                -- Runs at commit for every row inserted by the transaction, in insertion order. The advisory lock is
                -- released after the commit is visible, so seq order is commit order and no two rows share a predecessor.
                CREATE FUNCTION audit_seal() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    head audit_head%ROWTYPE;
                    next_seq bigint;
                    next_hash text;
                BEGIN
                    PERFORM pg_advisory_xact_lock(7314159265);
                    SELECT * INTO head FROM audit_head WHERE id = 1;
                    next_seq := coalesce(head.count, 0) + 1;
                    next_hash := audit_row_hash(head.last_hash, NEW.id, NEW.at, NEW.user_name, NEW.entity_type,
                                                NEW.entity_id, NEW.action, NEW.before, NEW.after);
                    UPDATE audit_log SET seq = next_seq, prev_hash = head.last_hash, hash = next_hash WHERE id = NEW.id;
                    INSERT INTO audit_head (id, count, last_hash) VALUES (1, next_seq, next_hash)
                    ON CONFLICT (id) DO UPDATE SET count = EXCLUDED.count, last_hash = EXCLUDED.last_hash;
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER audit_seal AFTER INSERT ON audit_log
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal();

                -- Append-only, except for the one update audit_seal makes: chaining an unsealed row, nothing else changed.
                CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.seq < 0 AND OLD.hash = '' AND NEW.seq > 0 AND NEW.hash <> ''
                       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.user_name = OLD.user_name
                       AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id AND NEW.action = OLD.action
                       AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'audit_log is append-only';
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_seal ON audit_log;
                DROP FUNCTION IF EXISTS audit_seal();

                CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only';
                END $$;
                """);
        }
    }
}
