using System.Security.Cryptography;
using Hangfire;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Infrastructure.Planning.Jobs;

/// <summary>
/// Drafts a month's plan for every street. Idempotent: a street that already has an active plan for the month is
/// skipped. Each street is written in one transaction under an advisory lock on (street, month), so a run killed half
/// way leaves no partial plan, the rerun completes it, and two concurrent runs never draw twice. Rows are written by
/// binary COPY (a large street has tens of thousands of visits) and the creation is audited as one summary entry,
/// not row by row, in the same transaction.
/// </summary>
public sealed class MonthlyPlanJob(
    InspectionsDbContext db,
    PlanningInputBuilder inputs,
    IOptionsMonitor<PlanningOptions> options,
    TimeProvider clock,
    ILogger<MonthlyPlanJob> logger)
{
    public const string RecurringJobId = "planning.monthly-draft";

    private const string ActivePlanIndex = "ux_monthly_plans_active_street_month";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(int year, int month, CancellationToken ct)
    {
        var planningMonth = new PlanningMonth(year, month);
        var created = 0;
        foreach (var street in await inputs.StreetIdsAsync(ct))
        {
            if (await PlanStreetAsync(street, planningMonth, ct) is not null)
            {
                created++;
            }
        }
        logger.LogInformation("Monthly plans for {Month}: {Created} drafted", planningMonth, created);
    }

    /// <summary>The recurring entry point: drafts the month after today's date in the planning time zone.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task RunNextMonthAsync(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.CurrentValue.TimeZone);
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var next = new PlanningMonth(today.Year, today.Month).Next();
        return RunAsync(next.Year, next.Month, ct);
    }

    /// <summary>Drafts the street's plan; null when an active plan already exists or the street has no community to plan.</summary>
    public async Task<Guid?> PlanStreetAsync(Guid streetId, PlanningMonth month, CancellationToken ct)
    {
        try
        {
            return await WriteStreetAsync(streetId, month, ct);
        }
        catch (Exception ex) when (FindPostgres(ex) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ActivePlanIndex })
        {
            logger.LogInformation("Street {StreetId} got a plan for {Month} from a concurrent run; nothing to do", streetId, month);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Guid?> WriteStreetAsync(Guid streetId, PlanningMonth month, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lockKey = LockKey(streetId, month);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", ct);
        var exists = await db.Set<MonthlyPlanRecord>().AnyAsync(
            p => p.StreetJurisdictionId == streetId && p.Year == month.Year && p.Month == month.Month && p.Status != PlanStatus.Superseded, ct);
        if (exists)
        {
            logger.LogInformation("Street {StreetId} already has an active plan for {Month}; nothing to do", streetId, month);
            return null;
        }

        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
        var input = await inputs.BuildAsync(streetId, month, seed, PlanningSettings.Default, ct);
        if (input.Jurisdictions.Count == 0)
        {
            logger.LogInformation("Street {StreetId} has no community to plan for {Month}", streetId, month);
            return null;
        }
        var plan = MonthlyPlanner.Plan(input);
        var now = clock.GetUtcNow();
        var record = new MonthlyPlanRecord(
            Guid.CreateVersion7(), streetId, month, seed, plan.InputFingerprint, plan.Algorithm,
            PlanningJson.Serialize(input), PlanningJson.Serialize(plan.DrawLog), PlanningJson.Serialize(plan.Unplanned), "system", now);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await PlanWriter.InsertPlanAsync(connection, record, ct);
        await PlanWriter.CopyOperationsAsync(connection, record.Id, plan.Operations, ct);
        var visits = await PlanWriter.CopyVisitsAsync(connection, record.Id, plan, options.CurrentValue.FailAfterVisits, ct);

        db.Add(new AuditEntry
        {
            At = now,
            UserName = record.CreatedBy,
            EntityType = nameof(MonthlyPlanRecord),
            EntityId = record.Id.ToString(),
            Action = AuditActions.Created,
            After = PlanningJson.Serialize(new
            {
                streetJurisdictionId = streetId,
                month = month.ToString(),
                seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                inputFingerprint = plan.InputFingerprint,
                operations = plan.Operations.Count,
                visits,
                unplanned = plan.Unplanned.Count,
            }),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation(
            "Street {StreetId} plan {PlanId} for {Month}: {Operations} operations, {Visits} visits, fingerprint {Fingerprint}",
            streetId, record.Id, month, plan.Operations.Count, visits, plan.InputFingerprint);
        return record.Id;
    }

    /// <summary>One advisory lock per street and month (64 bits of a SHA-256 of both).</summary>
    private static long LockKey(Guid streetId, PlanningMonth month)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"monthly-plan/{streetId:N}/{month}"));
        return BitConverter.ToInt64(hash, 0);
    }

    private static PostgresException? FindPostgres(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg;
            }
        }
        return null;
    }
}
