using Hangfire;
using Hangfire.Storage;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inspections.IntegrationTests.Planning;

/// <summary>Each test plans a month of its own, so the tests sharing the seeded database stay apart.</summary>
public sealed class MonthlyPlanJobTests(PlanningWebFactory app) : IClassFixture<PlanningWebFactory>
{
    [Fact]
    public async Task JobDraftsOnePlanPerStreetThatPassesThePlanRules()
    {
        var month = new PlanningMonth(2027, 3);

        await RunJobAsync(month);
        await RunJobAsync(month);

        var plans = await PlansAsync(month);
        await using var db = app.Database.CreateContext();
        var streets = await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.Street);
        Assert.Equal(streets, plans.Count);
        foreach (var id in plans)
        {
            var (input, plan) = await LoadAsync(id);
            Assert.Empty(PlanValidator.Validate(input, plan));
            Assert.All(input.Jurisdictions, j => Assert.True(plan.Operations.Count(o => o.JurisdictionId == j.Id) >= 2, $"community {j.Code}"));
            var departments = input.Officers.ToDictionary(o => o.Id, o => o.Department);
            foreach (var team in plan.Operations.SelectMany(o => o.Teams))
            {
                Assert.True(team.OfficerIds.Count >= 2);
                Assert.Contains(DepartmentKind.Police, team.OfficerIds.Select(o => departments[o]));
                Assert.Contains(DepartmentKind.MarketSupervision, team.OfficerIds.Select(o => departments[o]));
            }
            foreach (var a in plan.Operations)
            {
                var officers = a.Teams.SelectMany(t => t.OfficerIds).ToList();
                Assert.Equal(officers.Count, officers.Distinct().Count());
                foreach (var b in plan.Operations.Where(b => b.Number > a.Number && b.StartsAt < a.EndsAt && a.StartsAt < b.EndsAt))
                {
                    Assert.Empty(officers.Intersect(b.Teams.SelectMany(t => t.OfficerIds)));
                }
            }
            var visited = plan.Visits().Select(v => v.Visit.VenueId).Distinct().ToArray();
            Assert.NotEmpty(visited);
            Assert.Equal(visited.Length, await db.Venues.CountAsync(v => visited.Contains(v.Id) && v.Status == VenueStatus.Operating));

            // Drawn once (the second run drew nothing), audited once, sealed into the chain at commit.
            var created = await db.Set<Inspections.Infrastructure.Audit.AuditEntry>()
                .Where(a => a.EntityType == nameof(MonthlyPlanRecord) && a.EntityId == id.ToString() && a.Action == "Created")
                .ToListAsync();
            var entry = Assert.Single(created);
            Assert.True(entry.Seq > 0 && entry.Hash.Length == 64, "sealed");
            Assert.Equal("system", entry.UserName);
            var summary = System.Text.Json.Nodes.JsonNode.Parse(entry.After!)!;
            Assert.Equal(plan.InputFingerprint, summary["inputFingerprint"]!.GetValue<string>());
            Assert.Equal(plan.Visits().Count(), summary["visits"]!.GetValue<int>());
            Assert.Equal(plan.Operations.Count, summary["operations"]!.GetValue<int>());
            Assert.Equal(month.ToString(), summary["month"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ReplayMatchesTheStoredPlanAndReportsATamperedVisit()
    {
        var month = new PlanningMonth(2027, 4);
        await RunJobAsync(month);
        var id = (await PlansAsync(month))[0];

        var before = await ReplayAsync(id);
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE planned_visits SET travel_metres = travel_metres + 1
                WHERE (operation_id, team_number, sequence) = (SELECT operation_id, team_number, sequence FROM planned_visits WHERE plan_id = {id} ORDER BY operation_id, team_number, sequence LIMIT 1)
                """);
        }
        var after = await ReplayAsync(id);

        Assert.True(before.Matches, before.FirstDifference);
        Assert.True(before.FingerprintMatches);
        Assert.False(after.Matches);
        Assert.True(after.FingerprintMatches);
        Assert.Contains("TravelMetres", after.FirstDifference);
    }

    [Fact]
    public async Task AVisitCannotNameAnotherPlanThanItsOperationsAndDeletingAPlanTakesItsVisits()
    {
        var (september, october) = (new PlanningMonth(2028, 9), new PlanningMonth(2028, 10));
        await RunJobAsync(september);
        await RunJobAsync(october);
        Guid[] plans = [(await PlansAsync(september))[0], (await PlansAsync(october))[0]];

        await using var db = app.Database.CreateContext();
        var moved = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlAsync($"""
            UPDATE planned_visits SET plan_id = {plans[1]}
            WHERE (operation_id, team_number, sequence) = (SELECT operation_id, team_number, sequence FROM planned_visits WHERE plan_id = {plans[0]} LIMIT 1)
            """));
        Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, moved.SqlState);

        var visitsBefore = await db.Set<PlannedVisitRecord>().CountAsync(v => v.PlanId == plans[0]);
        await db.Database.ExecuteSqlAsync($"DELETE FROM monthly_plans WHERE id = {plans[0]}");
        Assert.True(visitsBefore > 0);
        Assert.Equal(0, await db.Set<PlannedVisitRecord>().CountAsync(v => v.PlanId == plans[0]));
        Assert.True(await db.Set<PlannedVisitRecord>().AnyAsync(v => v.PlanId == plans[1]));
    }

    [Fact]
    public async Task JobThatFailsHalfWayLeavesNoPlanAndTheRerunCompletes()
    {
        var month = new PlanningMonth(2027, 5);

        await using (var scope = SystemScope())
        {
            var failing = ActivatorUtilities.CreateInstance<MonthlyPlanJob>(
                scope.ServiceProvider, new FixedOptions(new PlanningOptions { FailAfterVisits = 25 }));
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RunAsync(month.Year, month.Month, CancellationToken.None));
        }
        await using (var db = app.Database.CreateContext())
        {
            Assert.Empty(await PlansAsync(month));
            Assert.Equal(0, await db.Set<PlannedOperationRecord>().CountAsync(o => o.Date.Year == month.Year && o.Date.Month == month.Month));
        }
        await RunJobAsync(month);

        var plans = await PlansAsync(month);
        Assert.NotEmpty(plans);
        var (input, plan) = await LoadAsync(plans[0]);
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Fact]
    public async Task JobEnqueuedThroughHangfireDraftsTheMonth()
    {
        var month = new PlanningMonth(2027, 6);

        _ = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<MonthlyPlanJob>(j => j.RunAsync(month.Year, month.Month, CancellationToken.None));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await PlansAsync(month)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Single(await PlansAsync(month));
    }

    [Fact]
    public async Task ConcurrentRunsDrawOnePlanPerStreet()
    {
        var month = new PlanningMonth(2027, 7);

        await Task.WhenAll(RunJobAsync(month), RunJobAsync(month), RunJobAsync(month));

        await using var db = app.Database.CreateContext();
        var streets = await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.Street);
        Assert.Equal(streets, (await PlansAsync(month)).Count);
    }

    [Fact]
    public void MonthlyDraftIsARecurringJobInShanghaiTime()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == MonthlyPlanJob.RecurringJobId);

        Assert.Equal("0 2 25 * *", job.Cron);
        Assert.Contains(job.TimeZoneId, new[] { "Asia/Shanghai", "China Standard Time" });
    }

    private async Task RunJobAsync(PlanningMonth month)
    {
        await using var scope = SystemScope();
        await scope.ServiceProvider.GetRequiredService<MonthlyPlanJob>().RunAsync(month.Year, month.Month, CancellationToken.None);
    }

    private async Task<List<Guid>> PlansAsync(PlanningMonth month)
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<MonthlyPlanRecord>()
            .Where(p => p.Year == month.Year && p.Month == month.Month && p.Status != PlanStatus.Superseded)
            .Select(p => p.Id)
            .ToListAsync();
    }

    private async Task<(PlanningInput Input, MonthlyPlan Plan)> LoadAsync(Guid id)
    {
        await using var scope = SystemScope();
        return (await scope.ServiceProvider.GetRequiredService<PlanService>().LoadAsync(id, CancellationToken.None))!.Value;
    }

    private async Task<ReplayResult> ReplayAsync(Guid id)
    {
        await using var scope = SystemScope();
        return (await scope.ServiceProvider.GetRequiredService<PlanService>().ReplayAsync(id, CancellationToken.None))!;
    }

    /// <summary>A DI scope acting as the system, as <c>SystemJobActivator</c> gives every Hangfire job.</summary>
    private AsyncServiceScope SystemScope()
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        return scope;
    }

    private sealed class FixedOptions(PlanningOptions value) : IOptionsMonitor<PlanningOptions>
    {
        public PlanningOptions CurrentValue => value;

        public PlanningOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PlanningOptions, string?> listener) => null;
    }
}
