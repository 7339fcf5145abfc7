using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

/// <summary>
/// The real app on Kestrel (loopback, random port) with a seeded demo district, and Debian's Chromium driven by
/// Playwright. No base map and no internet are needed.
/// </summary>
public class BrowserAppFixture : InspectionsWebFactory
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:DemoOnEmptyDatabase"] = "true",
        ["Seed:Venues"] = "400",
        ["Hangfire:Server"] = "true",
    };

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("INSPECTIONS_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseUrl = StartOnKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (own cookies), signed in as <paramref name="signInAs"/> — by default the demo police
    /// officer, who may search and edit venues of the demo street. Pass null for a signed-out page.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string locale = "zh-CN", string? signInAs = DemoAccounts.PoliceOfficer)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            BaseURL = BaseUrl,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        if (signInAs is not null)
        {
            await LoginAsync(page, signInAs);
        }
        return page;
    }

    /// <summary>Signs in through the login page as a user would; the demo accounts share <see cref="DemoAccounts.Password"/>.</summary>
    public static async Task LoginAsync(IPage page, string userName, string password = DemoAccounts.Password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
    }
}
