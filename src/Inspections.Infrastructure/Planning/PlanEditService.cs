using Inspections.Domain.Planning;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Infrastructure.Planning;

public sealed record PlanViolationDto(
    string Code, string Message, string Chinese, string English, Guid? OperationId, int? TeamNumber, Guid? VenueId, Guid? OfficerId,
    Guid? JurisdictionId)
{
    public static PlanViolationDto From(PlanViolation v) => new(
        v.Code, v.Message, PlanningTexts.Chinese(v.Code), PlanningTexts.English(v.Code), v.OperationId, v.TeamNumber, v.VenueId, v.OfficerId,
        v.JurisdictionId);
}

public sealed record PlanEditResult(Guid PlanId, uint Version, PlanStatus Status, int Edits, IReadOnlyList<PlanViolationDto> Violations);

/// <summary>
/// The lead's edits of a stored plan: applied with <see cref="PlanEdits"/>, checked with <see cref="PlanValidator"/>,
/// appended to the plan's edit log (so replay still verifies the plan) and written in one transaction. The plan row is
/// updated by every edit, so its xmin (the ETag) detects concurrent edits; the change is audited by the interceptor.
/// </summary>
public sealed class PlanEditService(InspectionsDbContext db, PlanService plans, ICurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanViolationDto>?> ValidateAsync(Guid id, CancellationToken ct)
    {
        var loaded = await plans.LoadAsync(id, ct);
        return loaded is null ? null : [.. PlanValidator.Validate(loaded.Value.Input, loaded.Value.Plan).Select(PlanViolationDto.From)];
    }

    public async Task<IReadOnlyList<PlanEditLogEntry>?> EditLogAsync(Guid id, CancellationToken ct)
    {
        if (await plans.LoadAsync(id, ct) is null)
        {
            return null;
        }
        var edits = await db.Set<MonthlyPlanRecord>().Where(p => p.Id == id).Select(p => p.Edits).SingleAsync(ct);
        return PlanningJson.Deserialize<List<PlanEditLogEntry>>(edits);
    }

    /// <summary>Applies one edit to the plan whose row version is <paramref name="expectedVersion"/>; null when not found or not visible.</summary>
    /// <exception cref="DbUpdateConcurrencyException">The plan changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="Domain.Common.DomainException">The edit names something not on the plan, or an approved plan is edited without a reason.</exception>
    public async Task<PlanEditResult?> EditAsync(Guid id, uint expectedVersion, PlanEdit edit, string? reason, CancellationToken ct)
    {
        var loaded = await plans.LoadAsync(id, ct);
        if (loaded is null)
        {
            return null;
        }
        var (input, plan) = loaded.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await db.Set<MonthlyPlanRecord>().SingleAsync(p => p.Id == id, ct);
        if (record.Version != expectedVersion)
        {
            throw new DbUpdateConcurrencyException($"The plan changed (version {record.Version}).");
        }

        var edited = edit.Apply(input, plan);
        var violations = PlanValidator.Validate(input, edited);
        var now = clock.GetUtcNow();
        var log = PlanningJson.Deserialize<List<PlanEditLogEntry>>(record.Edits);
        log.Add(new PlanEditLogEntry(edit, user.UserName, now, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), violations.Count));
        record.RecordEdit(PlanningJson.Serialize(log), PlanningJson.Serialize(edited.Unplanned), reason, now);

        var before = plan.Operations.ToDictionary(o => o.Id);
        var changed = edited.Operations.Where(o => !ReferenceEquals(before.GetValueOrDefault(o.Id), o)).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var o in changed)
        {
            await using var update = new NpgsqlCommand(
                "UPDATE planned_operations SET teams = @teams WHERE id = @id AND plan_id = @plan; DELETE FROM planned_visits WHERE operation_id = @id AND plan_id = @plan;",
                connection);
            update.Parameters.AddWithValue("teams", NpgsqlDbType.Jsonb, PlanningJson.Serialize(new PlannedOperationRecord(id, o).Teams));
            update.Parameters.AddWithValue("id", o.Id);
            update.Parameters.AddWithValue("plan", id);
            await update.ExecuteNonQueryAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(PlanWriter.VisitCopyCommand("planned_visits"), ct))
        {
            var reasons = new ReasonsJson();
            foreach (var o in changed)
            {
                foreach (var team in o.Teams)
                {
                    foreach (var v in team.Route)
                    {
                        PlanWriter.WriteVisit(copy, id, o.Id, team.Number, v, reasons);
                    }
                }
            }
            await copy.CompleteAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PlanEditResult(id, record.Version, record.Status, log.Count, [.. violations.Select(PlanViolationDto.From)]);
    }
}
