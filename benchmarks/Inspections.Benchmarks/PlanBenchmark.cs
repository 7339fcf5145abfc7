using System.Diagnostics;
using System.Globalization;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Inspections.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Benchmarks;

/// <summary>
/// Seeds a demo district into a fresh database, times the monthly planning job end to end (read the registry, plan,
/// persist every street) and, as the floor, a binary COPY of the same visit rows into a scratch copy of the visit
/// table. Targets: job &lt; 10 s and ≤ 3× the COPY.
/// </summary>
public sealed class PlanBenchmark : IBenchmark
{
    private const double TargetSeconds = 10;
    private const double TargetRatio = 3;

    public string Name => "plan";

    public string Description => "seed N venues into a fresh database, time the monthly plan job against a binary COPY of its visits";

    public string Usage => $"--venues N (100000)  --year Y (2027)  --month M (3)  --keep 0|1 (0: drop the database)  --database NAME (reuse a kept database: its plans are emptied first)  --parallel P (processor count)  --runs N (1; runs after the first are warm)  (server: ${BenchServer.EnvironmentVariable} or {BenchServer.DefaultServer})";

    public int Run(BenchmarkArgs args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var venues = Math.Max(1500, args.Int("venues", 100_000));
        var year = args.Int("year", 2027);
        var month = args.Int("month", 3);
        var server = BenchServer.ConnectionString;
        var reuse = args.String("database");
        var name = reuse ?? "bench_plan_" + Guid.NewGuid().ToString("N")[..12];
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        if (reuse is null)
        {
            await BenchServer.AdminAsync(server, $"CREATE DATABASE \"{name}\"");
        }
        try
        {
            var dsb = new NpgsqlDataSourceBuilder(cs);
            dsb.UseNetTopologySuite();
            await using var dataSource = dsb.Build();
            var options = new DbContextOptionsBuilder<InspectionsDbContext>()
                .UseNpgsql(dataSource, o => o.UseNetTopologySuite())
                .UseSnakeCaseNamingConvention()
                .Options;

            var clock = Stopwatch.StartNew();
            await using (var db = new InspectionsDbContext(options))
            {
                await db.Database.MigrateAsync();
                if (reuse is null)
                {
                    await new DemoDistrictSeeder().SeedAsync(db, DemoDistrictOptions.Scale(venues));
                    Console.WriteLine($"seeded {venues:N0} venues in {clock.Elapsed.TotalSeconds:F1} s ({name})");
                }
                else
                {
                    await db.Database.ExecuteSqlRawAsync("TRUNCATE monthly_plans, planned_operations, planned_visits CASCADE");
                    Console.WriteLine($"reusing {name}: {await db.Venues.CountAsync():N0} venues, plans emptied");
                }
            }

            // The job as the hosts run it: the same service registrations (AddInfrastructure), no Hangfire server.
            var hostBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            hostBuilder.Configuration["ConnectionStrings:" + InfrastructureDependencyInjection.ConnectionStringName] = cs;
            hostBuilder.Configuration["Planning:RegisterRecurringJobs"] = "false";
            if (args.String("parallel") is { } parallelism)
            {
                hostBuilder.Configuration["Planning:Parallelism"] = parallelism;
            }
            hostBuilder.AddInfrastructure();
            using var host = hostBuilder.Build();
            var effective = host.Services.GetRequiredService<IOptions<PlanningOptions>>().Value.Parallelism ?? Environment.ProcessorCount;

            // A worker host builds the EF model and opens its pool at start-up, long before the monthly job runs: do the
            // same here so the timed run is the job, not the process start (the job's own code still runs cold).
            await using (var warm = host.Services.CreateAsyncScope())
            {
                _ = await warm.ServiceProvider.GetRequiredService<InspectionsDbContext>().Jurisdictions.CountAsync();
            }

            // Run 1 is the job as a worker runs it the first time after start-up (its own code cold, tiered JIT from
            // tier 0). Later runs (--runs N) draw the same month again after emptying the plans, in the same process:
            // a worker that has run the job before (a previous month) — labelled "warm", never the headline figure.
            var runs = Math.Max(1, args.Int("runs", 1));
            var jobSeconds = 0d;
            for (var run = 1; run <= runs; run++)
            {
                if (run > 1)
                {
                    await using var empty = await dataSource.OpenConnectionAsync();
                    await BenchServer.ExecAsync(empty, "TRUNCATE monthly_plans, planned_operations, planned_visits CASCADE");
                }
                await using var probe = await dataSource.OpenConnectionAsync();
                var load = BenchServer.LoadAverage();
                var pgBefore = await BackendCpuAsync(probe);
                var appBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (allocatedBefore, pauseBefore, gen0Before, gen2Before) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
                clock.Restart();
                PlanRunTimings timings;
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var job = scope.ServiceProvider.GetRequiredService<MonthlyPlanJob>();
                    await job.RunAsync(year, month, CancellationToken.None);
                    timings = job.Timings;
                }
                var seconds = clock.Elapsed.TotalSeconds;
                var app = (Process.GetCurrentProcess().TotalProcessorTime - appBefore).TotalSeconds;
                var pgAfter = await BackendCpuAsync(probe);
                var pg = pgAfter.Sum(p => p.Value - pgBefore.GetValueOrDefault(p.Key)) / 100.0;
                if (run == 1)
                {
                    jobSeconds = seconds;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run} ({(run == 1 ? "cold: first run in this process" : "warm: the process has run the job before")}): wall {seconds:F2} s, CPU app {app:F2} s + PostgreSQL backends {pg:F2} s, load average {load} -> {BenchServer.LoadAverage()}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MiB, GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F2} s, GCs gen0 {GC.CollectionCount(0) - gen0Before}, gen2 {GC.CollectionCount(2) - gen2Before} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
                Console.WriteLine($"  job phases (summed over streets): {timings}");
            }

            // Where the job's CPU goes, measured again phase by phase, one street after the other, outside the timed
            // run (informational; process CPU time, so it does not depend on the load much).
            await using (var db = new InspectionsDbContext(options))
            {
                var builder = new PlanningInputBuilder(db, TimeProvider.System);
                var planningMonth = new Domain.Planning.PlanningMonth(year, month);
                var cpu = new Dictionary<string, double>();
                var mark = Process.GetCurrentProcess().TotalProcessorTime;
                void Lap(string phase)
                {
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    cpu[phase] = cpu.GetValueOrDefault(phase) + (now - mark).TotalSeconds;
                    mark = now;
                }
                var district = await builder.ReadDistrictAsync(planningMonth, CancellationToken.None);
                Lap("read registry");
                foreach (var street in district.Values)
                {
                    var input = PlanningInputBuilder.Compose(street, planningMonth, 42, Domain.Planning.PlanningSettings.Default);
                    mark = Process.GetCurrentProcess().TotalProcessorTime;
                    var drawn = Domain.Planning.MonthlyPlanner.PlanRecorded(input);
                    Lap("plan (with the input's encoding)");
                    _ = RecordedInputDocument.Compress(drawn.Input).Length;
                    Lap("gzip recorded input");
                    _ = CompressedText.Write(w => PlanDocumentJson.WriteDrawLog(w, drawn.Plan.DrawLog)).Length + CompressedText.Write(w => PlanDocumentJson.WriteUnplanned(w, drawn.Plan.Unplanned)).Length;
                    Lap("gzip JSON draws + unplanned");
                }
                Console.WriteLine("CPU by phase (re-measured, one street at a time): "
                    + string.Join(", ", cpu.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F2} s"))));
            }

            await using var connection = await dataSource.OpenConnectionAsync();
            var rows = await ReadVisitsAsync(connection);
            await BenchServer.ExecAsync(connection, "CREATE TABLE planned_visits_scratch (LIKE planned_visits INCLUDING ALL)");
            var copyPgBefore = CostMeter.CpuTicks(connection.ProcessID);
            var copyAppBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            await CopyAsync(connection, rows);
            var copySeconds = clock.Elapsed.TotalSeconds;
            var copyApp = (Process.GetCurrentProcess().TotalProcessorTime - copyAppBefore).TotalSeconds;
            var copyPg = (CostMeter.CpuTicks(connection.ProcessID) - copyPgBefore) / 100.0;
            await BenchServer.ExecAsync(connection, "DROP TABLE planned_visits_scratch");
            var plans = await BenchServer.ScalarAsync(connection, "SELECT count(*) FROM monthly_plans");
            var operations = await BenchServer.ScalarAsync(connection, "SELECT count(*) FROM planned_operations");

            var ratio = jobSeconds / Math.Max(copySeconds, 1e-9);
            var ok = jobSeconds < TargetSeconds && ratio <= TargetRatio;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plan job: {jobSeconds:F2} s ({effective} streets at once) for {plans} street plans, {operations:N0} operations, {rows.Count:N0} visits (target < {TargetSeconds} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"binary COPY of the same {rows.Count:N0} visits: {copySeconds:F2} s (CPU app {copyApp:F2} s + PostgreSQL backend {copyPg:F2} s); ratio of run 1 {ratio:F1}x (target <= {TargetRatio}x); load average {BenchServer.LoadAverage()}"));
            Console.WriteLine(ok ? "targets met" : "targets NOT met");
            return ok ? 0 : 1;
        }
        finally
        {
            if (args.Int("keep", 0) == 0)
            {
                NpgsqlConnection.ClearAllPools();
                await BenchServer.AdminAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
    }

    /// <summary>CPU ticks (USER_HZ) of every other backend connected to this database: the job's pooled connections.</summary>
    private static async Task<Dictionary<int, long>> BackendCpuAsync(NpgsqlConnection c)
    {
        var pids = new List<int>();
        await using (var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", c))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                pids.Add(r.GetInt32(0));
            }
        }
        return pids.ToDictionary(pid => pid, CostMeter.CpuTicks);
    }

    private sealed record VisitRow(Guid Plan, Guid Operation, int Team, int Sequence, Guid Venue, DateTime Arrival, int Duration, int Metres, int Minutes, string Reasons);

    private static async Task<List<VisitRow>> ReadVisitsAsync(NpgsqlConnection c)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT plan_id, operation_id, team_number, sequence, venue_id, arrival_at, duration_minutes, travel_metres, travel_minutes, reasons::text FROM planned_visits", c);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<VisitRow>();
        while (await r.ReadAsync())
        {
            rows.Add(new VisitRow(r.GetGuid(0), r.GetGuid(1), r.GetInt32(2), r.GetInt32(3), r.GetGuid(4), r.GetDateTime(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetString(9)));
        }
        return rows;
    }

    private static async Task CopyAsync(NpgsqlConnection c, List<VisitRow> rows)
    {
        await using var copy = await c.BeginBinaryImportAsync(
            "COPY planned_visits_scratch (plan_id, operation_id, team_number, sequence, venue_id, arrival_at, duration_minutes, travel_metres, travel_minutes, reasons) FROM STDIN (FORMAT BINARY)");
        foreach (var v in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(v.Plan, NpgsqlDbType.Uuid);
            await copy.WriteAsync(v.Operation, NpgsqlDbType.Uuid);
            await copy.WriteAsync(v.Team, NpgsqlDbType.Integer);
            await copy.WriteAsync(v.Sequence, NpgsqlDbType.Integer);
            await copy.WriteAsync(v.Venue, NpgsqlDbType.Uuid);
            await copy.WriteAsync(v.Arrival, NpgsqlDbType.Timestamp);
            await copy.WriteAsync(v.Duration, NpgsqlDbType.Integer);
            await copy.WriteAsync(v.Metres, NpgsqlDbType.Integer);
            await copy.WriteAsync(v.Minutes, NpgsqlDbType.Integer);
            await copy.WriteAsync(v.Reasons, NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync();
    }
}
