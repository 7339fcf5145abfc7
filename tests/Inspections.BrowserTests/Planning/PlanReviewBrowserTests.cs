using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Planning.Jobs;
using Inspections.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Inspections.BrowserTests.Planning;

[Collection(BrowserCollection.Name)]
public sealed class PlanReviewBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task TheLeadReviewsMovesAVisitReplaysAndApprovesThePlan()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<MonthlyPlanJob>().RunAsync(2027, 6, CancellationToken.None);
        }
        var page = await app.NewPageAsync(signInAs: DemoAccounts.StreetLead);
        page.SetDefaultTimeout(60_000);
        // Loading and replaying a 20-operation plan takes a few seconds on a loaded CI machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        await page.GotoAsync("/plans?year=2027&month=6", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("plan-summary")).ToHaveAttributeAsync("data-status", "Draft");
        // The pickers show the plan's month (each option's text once showed the loop's end value, 13).
        await Assertions.Expect(page.GetByTestId("plan-year")).ToHaveTextAsync("2027");
        await Assertions.Expect(page.GetByTestId("plan-month")).ToHaveTextAsync("6");

        await page.GetByTestId("plan-operation").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-visit-reasons").First).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "plan-review.png"), FullPage = false });

        // The draw is random, so a given target team may break a rule (the edit is then refused and the bar stays):
        // try the other teams in turn until one move is accepted.
        await page.GetByTestId("plan-move").First.ClickAsync();
        var moved = false;
        for (var option = 1; option <= 8 && !moved; option++)
        {
            await page.GetByTestId("plan-edit-target").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Nth(option).ClickAsync();
            await page.GetByTestId("plan-edit-apply").ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByTestId("plan-edit-bar")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
                moved = true;
            }
            catch (PlaywrightException)
            {
                // refused: try the next team
            }
        }
        Assert.True(moved, "no move to another team was accepted");

        await page.GetByTestId("plan-replay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-replay-result")).ToHaveAttributeAsync("data-matches", "True");

        await page.GetByTestId("plan-reason").FillAsync("审核通过（含一处调整）");
        await page.GetByTestId("plan-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-summary")).ToHaveAttributeAsync("data-status", "Approved");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "plan-approved.png") });
    }
}
