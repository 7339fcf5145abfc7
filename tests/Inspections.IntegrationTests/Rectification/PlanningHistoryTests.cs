using Inspections.Domain.Capture;
using Inspections.Domain.Planning;
using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Rectification;

/// <summary>The planner's input carries each venue's inspection history from the visits and notices on the real database.</summary>
public sealed class PlanningHistoryTests(RectificationWebFactory app) : IClassFixture<RectificationWebFactory>
{
    private static readonly Dictionary<string, ItemOutcome> MarketFails = new() { ["M-01"] = ItemOutcome.Fail, ["P-02"] = ItemOutcome.Pass };

    private static readonly Dictionary<string, ItemOutcome> AllPass = new() { ["M-01"] = ItemOutcome.Pass, ["P-02"] = ItemOutcome.Pass };

    [Fact]
    public async Task TheInputHasTheLastInspectionDateOpenAndOverdueRectificationsAndThePlannerGivesThemPriority()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = new PlanningMonth(today.Year, today.Month).Next();
        var passed = await app.NextVenueAsync(app.StreetA, operating: true);
        // 2026-03-03 20:30 UTC is already 2026-03-04 04:30 in China: the date is the local one.
        var inspectedAt = new DateTimeOffset(2026, 3, 3, 20, 30, 0, TimeSpan.Zero);
        await app.SubmitVisitAsync(passed, app.TeamA, AllPass, at: inspectedAt.AddDays(-30));
        await app.SubmitVisitAsync(passed, app.TeamA, AllPass, at: inspectedAt);

        var open = await app.NextVenueAsync(app.StreetA, operating: true);
        var (_, openNotices) = await app.SubmitVisitAsync(open, app.TeamA, MarketFails);
        await IssueAsync(openNotices.Single());

        var overdue = await app.NextVenueAsync(app.StreetA, operating: true);
        var (_, overdueNotices) = await app.SubmitVisitAsync(overdue, app.TeamA, MarketFails);
        await IssueAsync(overdueNotices.Single());
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE rectification_notices SET deadline = current_date - 2 WHERE id = {overdueNotices[0]}");
        }

        var drafted = await app.NextVenueAsync(app.StreetA, operating: true);
        await app.SubmitVisitAsync(drafted, app.TeamA, MarketFails); // the notice stays a draft: not a rectification yet

        var input = await app.WithServiceAsync<PlanningInputBuilder, PlanningInput>(b => b.BuildAsync(app.StreetA.Id, month, 7, PlanningSettings.Default, default));
        var byId = input.Venues.ToDictionary(v => v.Id);

        Assert.Equal(new DateOnly(2026, 3, 4), byId[passed.Id].LastInspectedOn);
        Assert.False(byId[passed.Id].HasOpenRectification);
        Assert.True(byId[open.Id].HasOpenRectification);
        Assert.False(byId[open.Id].HasOverdueDeadline);
        Assert.True(byId[overdue.Id].HasOpenRectification);
        Assert.True(byId[overdue.Id].HasOverdueDeadline);
        Assert.False(byId[drafted.Id].HasOpenRectification);
        Assert.NotNull(byId[drafted.Id].LastInspectedOn);
        var never = input.Venues.First(v => v.Id != passed.Id && v.Id != open.Id && v.Id != overdue.Id && v.Id != drafted.Id && v.LastInspectedOn is null);
        Assert.False(never.HasOpenRectification);

        // The district read used by the monthly job gives the same venues as the per-street read.
        var district = await app.WithServiceAsync<PlanningInputBuilder, IReadOnlyDictionary<Guid, StreetRegistry>>(b => b.ReadDistrictAsync(month, default));
        Assert.Equal(
            input.Venues.OrderBy(v => v.Id).Select(v => (v.Id, v.LastInspectedOn, v.HasOpenRectification, v.HasOverdueDeadline)),
            district[app.StreetA.Id].Venues.OrderBy(v => v.Id).Select(v => (v.Id, v.LastInspectedOn, v.HasOpenRectification, v.HasOverdueDeadline)));

        var plan = MonthlyPlanner.Plan(input);
        var reasons = plan.Visits()
            .GroupBy(v => v.Visit.VenueId).ToDictionary(g => g.Key, g => g.SelectMany(v => v.Visit.Reasons).Select(r => r.Code).ToHashSet());
        var unplanned = plan.Unplanned.ToDictionary(u => u.VenueId, u => u.Reasons.Select(r => r.Code).ToHashSet());
        HashSet<string> CodesOf(Guid venue) => reasons.GetValueOrDefault(venue) ?? unplanned.GetValueOrDefault(venue) ?? [];
        Assert.Contains(ReasonCodes.OverdueDeadline, CodesOf(overdue.Id));
        Assert.Contains(ReasonCodes.OpenRectification, CodesOf(open.Id));
        Assert.DoesNotContain(ReasonCodes.NeverInspected, CodesOf(passed.Id));
        Assert.True(reasons.ContainsKey(overdue.Id), "a venue with an overdue deadline is planned");
    }

    private async Task IssueAsync(Guid id)
    {
        var n = await app.WithServiceAsync<RectificationService, NoticeDetails>(async s => (await s.GetAsync(id, default))!);
        await app.WithServiceAsync<RectificationService, RectificationNotice?>(s => s.IssueAsync(id, n.Version, default));
    }
}
