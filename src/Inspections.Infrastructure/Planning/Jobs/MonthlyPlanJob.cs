using System.Security.Cryptography;
using Hangfire;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Planning.Jobs;

/// <summary>
/// Drafts a month's plan for every street. Idempotent: a street that already has an active plan for the month is
/// skipped. Each street is written in one transaction under an advisory lock on (street, month), so a run killed half
/// way leaves no partial plan, the rerun completes it, and two concurrent runs never draw twice. Rows are written by
/// binary COPY (a large street has tens of thousands of visits) and the creation is audited as one summary entry,
/// not row by row, in the same transaction. Streets are independent, so a run plans
/// <see cref="PlanningOptions.Parallelism"/> streets at once, each in its own scope (connection, transaction).
/// </summary>
public sealed class MonthlyPlanJob(
    InspectionsDbContext db,
    PlanningInputBuilder inputs,
    IOptionsMonitor<PlanningOptions> options,
    TimeProvider clock,
    ILogger<MonthlyPlanJob> logger,
    IServiceScopeFactory scopes)
{
    public const string RecurringJobId = "planning.monthly-draft";

    private const string ActivePlanIndex = "ux_monthly_plans_active_street_month";

    /// <summary>The phases of the last <see cref="RunAsync"/> of this instance.</summary>
    public PlanRunTimings Timings { get; private set; } = new();

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(int year, int month, CancellationToken ct)
    {
        var planningMonth = new PlanningMonth(year, month);
        var created = 0;
        var timings = Timings = new PlanRunTimings();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var streets = await inputs.StreetIdsAsync(ct);
        // One read of the whole registry (a venue table scan per street costs more than the planning itself).
        var registry = await inputs.ReadDistrictAsync(planningMonth, ct);
        timings.Lap("read registry", started);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.CurrentValue.Parallelism ?? Environment.ProcessorCount),
            CancellationToken = ct,
        };
        await Parallel.ForEachAsync(streets, parallel, async (street, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            // Same options as this run (a test may have given its own), fresh context and connection per street.
            var job = ActivatorUtilities.CreateInstance<MonthlyPlanJob>(scope.ServiceProvider, options);
            job.Timings = timings;
            if (await job.PlanStreetAsync(street, planningMonth, registry.GetValueOrDefault(street) ?? StreetRegistry.Empty, token) is not null)
            {
                Interlocked.Increment(ref created);
            }
        });
        timings.Wall = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        logger.LogInformation("Monthly plans for {Month}: {Created} drafted in {Seconds:F1} s ({Phases})", planningMonth, created, timings.Wall.TotalSeconds, timings);
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
    public Task<Guid?> PlanStreetAsync(Guid streetId, PlanningMonth month, CancellationToken ct) => PlanStreetAsync(streetId, month, null, ct);

    /// <summary>As above; <paramref name="registry"/> is the street's registry read beforehand by the monthly run (null: read here).</summary>
    public async Task<Guid?> PlanStreetAsync(Guid streetId, PlanningMonth month, StreetRegistry? registry, CancellationToken ct)
    {
        try
        {
            return await WriteStreetAsync(streetId, month, registry, ct);
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

    private async Task<Guid?> WriteStreetAsync(Guid streetId, PlanningMonth month, StreetRegistry? registry, CancellationToken ct)
    {
        var t = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var exists = await PlanWriter.LockAndCheckAsync(connection, LockKey(streetId, month), streetId, month, ct);
        if (exists)
        {
            logger.LogInformation("Street {StreetId} already has an active plan for {Month}; nothing to do", streetId, month);
            return null;
        }

        t = Timings.Lap("lock and check", t);
        var seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
        var input = registry is null
            ? await inputs.BuildAsync(streetId, month, seed, PlanningSettings.Default, ct)
            : PlanningInputBuilder.Compose(registry, month, seed, PlanningSettings.Default);
        if (input.Jurisdictions.Count == 0)
        {
            logger.LogInformation("Street {StreetId} has no community to plan for {Month}", streetId, month);
            return null;
        }
        t = Timings.Lap("read street", t);
        var recorded = MonthlyPlanner.PlanRecorded(input);
        var plan = recorded.Plan;
        t = Timings.Lap("plan", t);
        var now = clock.GetUtcNow();
        // The documents go to the row already gzipped; the record's own copies stay empty (never saved by EF).
        var documents = CompressedPlanDocuments.From(recorded);
        var record = new MonthlyPlanRecord(
            Guid.CreateVersion7(), streetId, month, seed, plan.InputFingerprint, plan.Algorithm, [], string.Empty, string.Empty, "system", now);
        t = Timings.Lap("serialise", t);
        await PlanWriter.InsertPlanAsync(connection, record, documents, ct);
        t = Timings.Lap("write plan row", t);
        await PlanWriter.CopyOperationsAsync(connection, record.Id, plan.Operations, ct);
        var visits = await PlanWriter.CopyVisitsAsync(connection, record.Id, plan, options.CurrentValue.FailAfterVisits, ct);
        t = Timings.Lap("copy operations and visits", t);

        // The audit entry as plain SQL in the same transaction (the chain is sealed at commit by the database, ADR 20):
        // EF's first SaveChanges in a process cost more than the rest of the commit.
        await PlanWriter.InsertAuditAsync(connection, new AuditEntry
        {
            At = now,
            UserName = record.CreatedBy,
            EntityType = nameof(MonthlyPlanRecord),
            EntityId = record.Id.ToString(),
            Action = AuditActions.Created,
            After = PlanDocumentJson.CreationSummary(streetId, month, seed, plan, visits),
        }, ct);
        await tx.CommitAsync(ct);
        Timings.Lap("audit and commit", t);
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
