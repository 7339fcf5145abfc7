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
        await page.GotoAsync("/plans?year=2027&month=6", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("plan-summary")).ToHaveAttributeAsync("data-status", "Draft");

        await page.GetByTestId("plan-operation").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-visit-reasons").First).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "plan-review.png"), FullPage = false });

        await page.GetByTestId("plan-move").First.ClickAsync();
        await page.GetByTestId("plan-edit-target").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Nth(1).ClickAsync();
        await page.GetByTestId("plan-edit-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-edit-bar")).ToHaveCountAsync(0);

        await page.GetByTestId("plan-replay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-replay-result")).ToHaveAttributeAsync("data-matches", "True");

        await page.GetByTestId("plan-reason").Locator("input").FillAsync("审核通过（含一处调整）");
        await page.GetByTestId("plan-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-summary")).ToHaveAttributeAsync("data-status", "Approved");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "plan-approved.png") });
    }
}
