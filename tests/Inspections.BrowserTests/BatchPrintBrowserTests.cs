using Inspections.Domain.Planning;
using Inspections.Infrastructure.Planning;
using Inspections.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BatchPrintBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task TheLeadChoosesATeamOfAnOperationAndPrintsItsDocuments()
    {
        // An approved plan of the lead's street with one night operation and two teams, in a month no other test draws.
        var day = new DateOnly(2028, 3, 15);
        string[] secondTeam;
        await using (var db = app.Database.CreateContext())
        {
            var street = await db.Users.Where(u => u.UserName == DemoAccounts.StreetLead).Select(u => u.JurisdictionId!.Value).SingleAsync();
            var community = await db.Jurisdictions.Where(j => j.ParentId == street).OrderBy(j => j.Code).Select(j => j.Id).FirstAsync();
            var officers = await db.Officers.Where(o => o.JurisdictionId == street).OrderBy(o => o.EnforcementIdNumber).Take(4).ToListAsync();
            secondTeam = [officers[2].Name, officers[3].Name];
            var plan = new MonthlyPlanRecord(Guid.CreateVersion7(), street, new PlanningMonth(day.Year, day.Month), 7, "fp", "browser-test",
                "{}"u8.ToArray(), "[]", "[]", "test", DateTimeOffset.UtcNow);
            plan.Approve("test", null, DateTimeOffset.UtcNow);
            db.Add(plan);
            db.Add(new PlannedOperationRecord(plan.Id, new PlannedOperation(Guid.CreateVersion7(), 1, community, day, new TimeOnly(19, 0), new TimeOnly(23, 30),
                OperationKind.Night, [new PlannedTeam(1, [officers[0].Id, officers[1].Id], []), new PlannedTeam(2, [officers[2].Id, officers[3].Id], [])])));
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync(signInAs: DemoAccounts.StreetLead);
        await page.GotoAsync("/print?from=2028-03-15");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await page.GetByTestId("print-team").ClickAsync();
        var second = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "第2组" });
        await Assertions.Expect(second).ToHaveCountAsync(1);
        await Assertions.Expect(second).ToContainTextAsync($"2028-03-15 19:00 夜查 第2组（{secondTeam[0]}、{secondTeam[1]}）");
        await page.WaitForTimeoutAsync(500); // the popover fades in
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "batch-print-team.png") });
        await second.ClickAsync();
        await Assertions.Expect(page.GetByTestId("print-team")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("第2组"));

        await page.GetByTestId("print-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("print-progress")).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("print-empty")).ToBeVisibleAsync();
    }
}
