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
    /// Whether the street already has a plan for the month that is not superseded (the condition of the partial unique
    /// index). Plain SQL: an EF query would be compiled on the job's first run in a process.
    /// </summary>
    public static async Task<bool> ActivePlanExistsAsync(NpgsqlConnection c, Guid streetId, PlanningMonth month, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM monthly_plans WHERE street_jurisdiction_id = @street AND year = @year AND month = @month AND status <> @superseded)", c);
        cmd.Parameters.AddWithValue("street", streetId);
        cmd.Parameters.AddWithValue("year", month.Year);
        cmd.Parameters.AddWithValue("month", month.Month);
        cmd.Parameters.AddWithValue("superseded", nameof(PlanStatus.Superseded));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Inserts the plan row; its recorded input, draw log and unplanned list come already gzipped (<see cref="CompressedText"/>).</summary>
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
        await using var copy = await c.BeginBinaryImportAsync(VisitCopyCommand("planned_visits"), ct);
        foreach (var (operation, team, visit) in plan.Visits())
        {
            if (written == failAfter)
            {
                throw new InvalidOperationException($"Injected failure after {written} visits (Planning:FailAfterVisits).");
            }
            await WriteVisitAsync(copy, planId, operation.Id, team.Number, visit, ct);
            written++;
        }
        await copy.CompleteAsync(ct);
        return written;
    }

    public static string VisitCopyCommand(string table) =>
        $"COPY {table} (plan_id, operation_id, team_number, sequence, venue_id, arrival_at, duration_minutes, travel_metres, travel_minutes, reasons) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteVisitAsync(NpgsqlBinaryImporter copy, Guid planId, Guid operationId, int team, PlannedVisit v, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(planId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(operationId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(team, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(v.Sequence, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(v.VenueId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(v.ArrivalAt, NpgsqlDbType.Timestamp, ct);
        await copy.WriteAsync(v.DurationMinutes, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(v.TravelMetres, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(v.TravelMinutes, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(PlanningJson.Serialize(v.Reasons), NpgsqlDbType.Jsonb, ct);
    }
}

/// <summary>A drawn plan's input, draw log and unplanned list as gzip JSON, as stored in <c>monthly_plans</c>.</summary>
internal sealed record CompressedPlanDocuments(byte[] Input, byte[] DrawLog, byte[] Unplanned)
{
    public static CompressedPlanDocuments From(PlanningInput input, MonthlyPlan plan) => From(CompressedText.Serialize(input, PlanningJson.Options), plan);

    /// <summary>With the input already gzipped (the job does that while the planner runs).</summary>
    public static CompressedPlanDocuments From(byte[] input, MonthlyPlan plan) => new(
        input,
        CompressedText.Serialize(plan.DrawLog, PlanningJson.Options),
        CompressedText.Serialize(plan.Unplanned, PlanningJson.Options));
}
