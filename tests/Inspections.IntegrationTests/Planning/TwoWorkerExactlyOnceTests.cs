using Hangfire;
using Hangfire.Storage;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inspections.IntegrationTests.Planning;

/// <summary>
/// Two job nodes wired exactly as src/Inspections.Worker wires them (AddInfrastructure + AddJobServer) on one database:
/// a recurring job fires once per occurrence, not once per node.
/// </summary>
public sealed class TwoWorkerExactlyOnceTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var db = _database.CreateContext();
        await new DemoDistrictSeeder().SeedAsync(db, DemoDistrictOptions.Default);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE test_job_runs (id bigserial PRIMARY KEY, ran_at timestamptz NOT NULL DEFAULT now())");
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ARecurringJobRunsExactlyOnceWithTwoWorkerNodes()
    {
        using var nodeA = Worker("node-a");
        using var nodeB = Worker("node-b");
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        var storage = nodeA.Services.GetRequiredService<JobStorage>();
        var servers = await WaitForAsync(() => storage.GetMonitoringApi().Servers().Count, n => n >= 2, TimeSpan.FromSeconds(30));

        // Every minute: the first occurrence is at most 60 s away, the second 60 s after it.
        nodeA.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<TwoWorkerProbeJob>(
            "test.two-worker-probe", job => job.RunAsync(2027, 9, CancellationToken.None), "* * * * *");
        var runs = await WaitForAsync(RunsAsync, n => n >= 1, TimeSpan.FromSeconds(90));
        // Both nodes poll the schedule every second: a double fire would have happened by now.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var runsAfter = await RunsAsync();
        var succeeded = storage.GetMonitoringApi().SucceededListCount();
        await nodeA.StopAsync();
        await nodeB.StopAsync();

        await using var db = _database.CreateContext();
        var streets = await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.Street);
        var plans = await db.Set<MonthlyPlanRecord>().CountAsync(p => p.Year == 2027 && p.Month == 9);
        var serverNames = storage.GetMonitoringApi().Servers().Select(s => s.Name).ToList();

        Assert.True(servers >= 2, $"{servers} servers");
        Assert.Equal(1, runs);
        Assert.Equal(1, runsAfter);
        Assert.Equal(1, succeeded);
        Assert.Equal(streets, plans);
        Assert.DoesNotContain(serverNames, n => n.StartsWith("node-", StringComparison.Ordinal) && serverNames.Count(m => m == n) > 1);
    }

    private async Task<int> RunsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM test_job_runs").SingleAsync();
    }

    private static async Task<int> WaitForAsync(Func<int> read, Func<int, bool> done, TimeSpan timeout) =>
        await WaitForAsync(() => Task.FromResult(read()), done, timeout);

    private static async Task<int> WaitForAsync(Func<Task<int>> read, Func<int, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(250);
        }
    }

    private IHost Worker(string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Inspections"] = _database.ConnectionString,
            ["Jobs:SchedulePollingSeconds"] = "1",
            ["Jobs:WorkerCount"] = "2",
        });
        builder.AddInfrastructure();
        builder.Services.AddJobServer(builder.Configuration, name);
        return builder.Build();
    }
}

/// <summary>Counts its runs in a table of its own, then drafts the month like the real recurring job.</summary>
public sealed class TwoWorkerProbeJob(InspectionsDbContext db, MonthlyPlanJob plans)
{
    public async Task RunAsync(int year, int month, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("INSERT INTO test_job_runs DEFAULT VALUES", ct);
        await plans.RunAsync(year, month, ct);
    }
}
