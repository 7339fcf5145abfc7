using Inspections.Domain.Planning;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// Writes a drawn plan with plain SQL and binary COPY on the caller's connection and transaction: fast for tens of
/// thousands of visits, and out of the audit interceptor, which would otherwise copy the whole stored input into the trail.
/// </summary>
internal static class PlanWriter
{
    /// <summary>
    /// Takes the (street, month) advisory lock for the transaction, then tells whether the street already has a plan for
    /// the month that is not superseded (the condition of the partial unique index). One round trip; plain SQL, so the
    /// job's first run in a process compiles no EF query.
    /// </summary>
    public static async Task<bool> LockAndCheckAsync(NpgsqlConnection c, long lockKey, Guid streetId, PlanningMonth month, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(c)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = lockKey } } },
                new NpgsqlBatchCommand(
                    "SELECT EXISTS (SELECT 1 FROM monthly_plans WHERE street_jurisdiction_id = $1 AND year = $2 AND month = $3 AND status <> $4)")
                {
                    Parameters =
                    {
                        new() { Value = streetId },
                        new() { Value = month.Year },
                        new() { Value = month.Month },
                        new() { Value = nameof(PlanStatus.Superseded) },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetBoolean(0);
    }

    /// <summary>An audit entry as plain SQL; the database chains and seals it at commit like any other (ADR 20).</summary>
    public static async Task InsertAuditAsync(NpgsqlConnection c, Audit.AuditEntry e, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO audit_log (at, user_name, entity_type, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)", c)
        {
            Parameters =
            {
                new() { Value = e.At },
                new() { Value = e.UserName },
                new() { Value = e.EntityType },
                new() { Value = e.EntityId },
                new() { Value = e.Action },
                new() { Value = (object?)e.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = (object?)e.After ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts the plan row; its recorded input, draw log and unplanned list come already gzipped.</summary>
    public static async Task InsertPlanAsync(NpgsqlConnection c, MonthlyPlanRecord p, CompressedPlanDocuments documents, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO monthly_plans (id, street_jurisdiction_id, year, month, status, seed, input_fingerprint, algorithm,
                                       input, draw_log, unplanned, created_by, created_at, updated_at)
            VALUES (@id, @street, @year, @month, @status, @seed, @fingerprint, @algorithm, @input, @draws, @unplanned, @by, @at, @at)
            """;
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("id", p.Id);
        cmd.Parameters.AddWithValue("street", p.StreetJurisdictionId);
        cmd.Parameters.AddWithValue("year", p.Year);
        cmd.Parameters.AddWithValue("month", p.Month);
        cmd.Parameters.AddWithValue("status", p.Status.ToString());
        cmd.Parameters.AddWithValue("seed", p.Seed);
        cmd.Parameters.AddWithValue("fingerprint", p.InputFingerprint);
        cmd.Parameters.AddWithValue("algorithm", p.Algorithm);
        cmd.Parameters.AddWithValue("input", NpgsqlDbType.Bytea, documents.Input);
        cmd.Parameters.AddWithValue("draws", NpgsqlDbType.Bytea, documents.DrawLog);
        cmd.Parameters.AddWithValue("unplanned", NpgsqlDbType.Bytea, documents.Unplanned);
        cmd.Parameters.AddWithValue("by", p.CreatedBy);
        cmd.Parameters.AddWithValue("at", p.CreatedAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task CopyOperationsAsync(NpgsqlConnection c, Guid planId, IReadOnlyList<PlannedOperation> operations, CancellationToken ct)
    {
        await using var copy = await c.BeginBinaryImportAsync(
            "COPY planned_operations (id, plan_id, number, jurisdiction_id, date, start, \"end\", kind, teams) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var o in operations)
        {
            var record = new PlannedOperationRecord(planId, o);
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(planId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(record.Number, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(record.JurisdictionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(record.Date, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(record.Start, NpgsqlDbType.Time, ct);
            await copy.WriteAsync(record.End, NpgsqlDbType.Time, ct);
            await copy.WriteAsync(record.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(PlanningJson.Serialize(record.Teams), NpgsqlDbType.Jsonb, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public static async Task<int> CopyVisitsAsync(NpgsqlConnection c, Guid planId, MonthlyPlan plan, int? failAfter, CancellationToken ct)
    {
        var written = 0;
        var reasons = new ReasonsJson();
        await using var copy = await c.BeginBinaryImportAsync(VisitCopyCommand("planned_visits"), ct);
        foreach (var (operation, team, visit) in plan.Visits())
        {
            if (written == failAfter)
            {
                throw new InvalidOperationException($"Injected failure after {written} visits (Planning:FailAfterVisits).");
            }
            WriteVisit(copy, planId, operation.Id, team.Number, visit, reasons);
            written++;
        }
        await copy.CompleteAsync(ct);
        return written;
    }

    public static string VisitCopyCommand(string table) =>
        $"COPY {table} (plan_id, operation_id, team_number, sequence, venue_id, arrival_at, duration_minutes, travel_metres, travel_minutes, reasons) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// One row. Synchronous writes: the importer buffers them and only a full buffer goes to the socket, so the tens of
    /// thousands of per-field tasks of the async overloads would buy nothing in a background job.
    /// </summary>
    public static void WriteVisit(NpgsqlBinaryImporter copy, Guid planId, Guid operationId, int team, PlannedVisit v, ReasonsJson reasons)
    {
        copy.StartRow();
        copy.Write(planId, NpgsqlDbType.Uuid);
        copy.Write(operationId, NpgsqlDbType.Uuid);
        copy.Write(team, NpgsqlDbType.Integer);
        copy.Write(v.Sequence, NpgsqlDbType.Integer);
        copy.Write(v.VenueId, NpgsqlDbType.Uuid);
        copy.Write(v.ArrivalAt, NpgsqlDbType.Timestamp);
        copy.Write(v.DurationMinutes, NpgsqlDbType.Integer);
        copy.Write(v.TravelMetres, NpgsqlDbType.Integer);
        copy.Write(v.TravelMinutes, NpgsqlDbType.Integer);
        copy.Write(reasons.Write(v.Reasons), NpgsqlDbType.Jsonb);
    }
}

/// <summary>
/// A visit's reasons as the UTF-8 JSON <see cref="PlanningJson"/> gives them (<c>[{"code":"…","value":3}]</c>, no
/// value when null), written straight into one reused buffer: the serializer's per-call setup cost more than the COPY
/// of the row. The returned memory is valid until the next call.
/// </summary>
public sealed class ReasonsJson
{
    private static readonly System.Text.Json.JsonEncodedText Code = System.Text.Json.JsonEncodedText.Encode("code");
    private static readonly System.Text.Json.JsonEncodedText Value = System.Text.Json.JsonEncodedText.Encode("value");

    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(256);
    private readonly System.Text.Json.Utf8JsonWriter _writer;

    public ReasonsJson()
    {
        _writer = new System.Text.Json.Utf8JsonWriter(_buffer);
    }

    public ReadOnlyMemory<byte> Write(IReadOnlyList<VisitReason> reasons)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        WriteArray(_writer, reasons);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    public static void WriteArray(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<VisitReason> reasons)
    {
        writer.WriteStartArray();
        foreach (var r in reasons)
        {
            writer.WriteStartObject();
            writer.WriteString(Code, r.Code);
            if (r.Value is { } value)
            {
                writer.WriteNumber(Value, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

/// <summary>A drawn plan's recorded input (<see cref="RecordedInputDocument"/>), draw log and unplanned list (gzip JSON), as stored in <c>monthly_plans</c>.</summary>
internal sealed record CompressedPlanDocuments(byte[] Input, byte[] DrawLog, byte[] Unplanned)
{
    public static CompressedPlanDocuments From(RecordedPlan recorded) => new(
        RecordedInputDocument.Compress(recorded.Input),
        CompressedText.Write(w => PlanDocumentJson.WriteDrawLog(w, recorded.Plan.DrawLog)),
        CompressedText.Write(w => PlanDocumentJson.WriteUnplanned(w, recorded.Plan.Unplanned)));
}

/// <summary>
/// The draw log and the unplanned list in <see cref="PlanningJson"/>'s shape, written field by field: with tens of
/// thousands of entries per street, the serializer's generic object walk cost several times the writing itself.
/// </summary>
public static class PlanDocumentJson
{
    private static readonly System.Text.Json.JsonEncodedText Index = System.Text.Json.JsonEncodedText.Encode("index");
    private static readonly System.Text.Json.JsonEncodedText Pool = System.Text.Json.JsonEncodedText.Encode("pool");
    private static readonly System.Text.Json.JsonEncodedText PoolSize = System.Text.Json.JsonEncodedText.Encode("poolSize");
    private static readonly System.Text.Json.JsonEncodedText Position = System.Text.Json.JsonEncodedText.Encode("position");
    private static readonly System.Text.Json.JsonEncodedText PickedId = System.Text.Json.JsonEncodedText.Encode("pickedId");
    private static readonly System.Text.Json.JsonEncodedText VenueId = System.Text.Json.JsonEncodedText.Encode("venueId");
    private static readonly System.Text.Json.JsonEncodedText JurisdictionId = System.Text.Json.JsonEncodedText.Encode("jurisdictionId");
    private static readonly System.Text.Json.JsonEncodedText Cause = System.Text.Json.JsonEncodedText.Encode("cause");
    private static readonly System.Text.Json.JsonEncodedText Reasons = System.Text.Json.JsonEncodedText.Encode("reasons");

    public static void WriteDrawLog(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<DrawRecord> draws)
    {
        w.WriteStartArray();
        foreach (var d in draws)
        {
            w.WriteStartObject();
            w.WriteNumber(Index, d.Index);
            w.WriteString(Pool, d.Pool);
            w.WriteNumber(PoolSize, d.PoolSize);
            w.WriteNumber(Position, d.Position);
            w.WriteString(PickedId, d.PickedId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The monthly job's audit summary of a drawn plan (what was drawn from what, not the rows).</summary>
    public static string CreationSummary(Guid streetId, PlanningMonth month, ulong seed, MonthlyPlan plan, int visits)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("streetJurisdictionId", streetId);
            w.WriteString("month", month.ToString());
            w.WriteString("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("inputFingerprint", plan.InputFingerprint);
            w.WriteNumber("operations", plan.Operations.Count);
            w.WriteNumber("visits", visits);
            w.WriteNumber("unplanned", plan.Unplanned.Count);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteUnplanned(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<UnplannedVisit> unplanned)
    {
        w.WriteStartArray();
        foreach (var u in unplanned)
        {
            w.WriteStartObject();
            w.WriteString(VenueId, u.VenueId);
            w.WriteString(JurisdictionId, u.JurisdictionId);
            w.WriteString(Cause, u.Cause);
            w.WritePropertyName(Reasons);
            ReasonsJson.WriteArray(w, u.Reasons);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
