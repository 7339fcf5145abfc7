using Inspections.Seed;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task AClerkSignsInSeesTheVenuesReadOnlyAndSignsOut()
    {
        var page = await app.NewPageAsync(signInAs: null);

        await page.GotoAsync("/venues");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?returnUrl=%2Fvenues"));
        await page.GetByTestId("login-username").FillAsync(DemoAccounts.Clerk);
        await page.GetByTestId("login-password").FillAsync("not the password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("login-password")).ToHaveValueAsync(string.Empty);

        await page.GetByTestId("login-username").FillAsync(DemoAccounts.Clerk);
        await page.GetByTestId("login-password").FillAsync(DemoAccounts.Password);
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/venues$"));
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("app-user-role")).ToContainTextAsync("内勤");
        await Assertions.Expect(page.GetByTestId("venue-new")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-import")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-venues")).ToBeVisibleAsync();

        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/venues");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
