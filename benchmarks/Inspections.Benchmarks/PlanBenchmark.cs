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

    public string Usage => $"--venues N (100000)  --year Y (2027)  --month M (3)  --keep 0|1 (0: drop the database)  --database NAME (reuse a kept database: its plans are emptied first)  --parallel P (processor count)  (server: ${BenchServer.EnvironmentVariable} or {BenchServer.DefaultServer})";

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

            clock.Restart();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var job = scope.ServiceProvider.GetRequiredService<MonthlyPlanJob>();
                await job.RunAsync(year, month, CancellationToken.None);
                Console.WriteLine($"job phases (summed over streets): {job.Timings}");
            }
            var jobSeconds = clock.Elapsed.TotalSeconds;

            // Where the job's time goes, measured again phase by phase outside the timed run (informational).
            await using (var db = new InspectionsDbContext(options))
            {
                var builder = new PlanningInputBuilder(db, TimeProvider.System);
                double read = 0, plan = 0, json = 0;
                foreach (var street in await builder.StreetIdsAsync(CancellationToken.None))
                {
                    var phase = Stopwatch.StartNew();
                    var input = await builder.BuildAsync(street, new Domain.Planning.PlanningMonth(year, month), 42, Domain.Planning.PlanningSettings.Default, CancellationToken.None);
                    read += phase.Elapsed.TotalSeconds;
                    phase.Restart();
                    var drawn = Domain.Planning.MonthlyPlanner.Plan(input);
                    plan += phase.Elapsed.TotalSeconds;
                    phase.Restart();
                    _ = PlanningJson.Serialize(input).Length + PlanningJson.Serialize(drawn.DrawLog).Length + PlanningJson.Serialize(drawn.Unplanned).Length;
                    json += phase.Elapsed.TotalSeconds;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"phases (re-measured): read input {read:F2} s, plan {plan:F2} s, serialize input/draws {json:F2} s; the rest of the job is writing"));
            }

            await using var connection = await dataSource.OpenConnectionAsync();
            var rows = await ReadVisitsAsync(connection);
            await BenchServer.ExecAsync(connection, "CREATE TABLE planned_visits_scratch (LIKE planned_visits INCLUDING ALL)");
            clock.Restart();
            await CopyAsync(connection, rows);
            var copySeconds = clock.Elapsed.TotalSeconds;
            await BenchServer.ExecAsync(connection, "DROP TABLE planned_visits_scratch");
            var plans = await BenchServer.ScalarAsync(connection, "SELECT count(*) FROM monthly_plans");
            var operations = await BenchServer.ScalarAsync(connection, "SELECT count(*) FROM planned_operations");

            var ratio = jobSeconds / Math.Max(copySeconds, 1e-9);
            var ok = jobSeconds < TargetSeconds && ratio <= TargetRatio;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plan job: {jobSeconds:F2} s ({effective} streets at once) for {plans} street plans, {operations:N0} operations, {rows.Count:N0} visits (target < {TargetSeconds} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"binary COPY of the same {rows.Count:N0} visits: {copySeconds:F2} s; ratio {ratio:F1}x (target <= {TargetRatio}x)"));
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
