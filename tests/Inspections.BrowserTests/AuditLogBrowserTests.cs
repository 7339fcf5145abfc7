using Inspections.Seed;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AuditLogBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task AnAuditorBrowsesTheLogAndVerifiesTheChain()
    {
        var page = await app.NewPageAsync(signInAs: DemoAccounts.Auditor);
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();

        await page.GetByTestId("audit-verify").ClickAsync();

        await Assertions.Expect(page.GetByTestId("audit-verification")).ToHaveAttributeAsync("data-intact", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "audit.png") });
    }

    [Fact]
    public async Task AnOfficerCannotOpenTheAuditLog()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin/audit");

        await Assertions.Expect(page.GetByTestId("access-denied").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);
    }
}
