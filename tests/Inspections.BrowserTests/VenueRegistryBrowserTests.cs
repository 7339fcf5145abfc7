using Microsoft.Playwright;

namespace Inspections.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}

[Collection(BrowserCollection.Name)]
public sealed class VenueRegistryBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task AnOfficerSearchesAVenueEditsItAndSeesAValidationMessage()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/venues");
        await WaitInteractive(page);

        await page.GetByTestId("venue-search").FillAsync("网咖");
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        var rows = page.GetByTestId("venue-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var names = await EventuallyAsync(
            () => page.GetByTestId("venue-row-name").AllInnerTextsAsync(),
            n => n.Count > 0 && n.All(x => x.Contains("网咖", StringComparison.Ordinal)));
        Assert.All(names, n => Assert.Contains("网咖", n, StringComparison.Ordinal));

        await rows.First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/venues/", StringComparison.Ordinal));
        await WaitInteractive(page);
        var longitude = page.GetByTestId("field-longitude");
        await longitude.FillAsync("500");
        await longitude.BlurAsync();
        await page.GetByTestId("venue-save").ClickAsync();

        await Assertions.Expect(longitude).ToHaveAttributeAsync("aria-invalid", "true");
        var message = page.Locator(".mud-input-control:has([data-testid='field-longitude']) .mud-input-helper-text.mud-input-error");
        await Assertions.Expect(message).ToContainTextAsync("180");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "venue-validation.png") });

        await longitude.FillAsync("114.05");
        var newName = "网咖（浏览器测试改名）";
        await page.GetByTestId("field-name").FillAsync(newName);
        await page.GetByTestId("venue-save").ClickAsync();
        var saved = await SavedOrOverrideAsync(page);
        if (!saved)
        {
            foreach (var reason in await page.Locator("input[data-testid^='override-reason-'], textarea[data-testid^='override-reason-']").AllAsync())
            {
                await reason.FillAsync("浏览器测试：现场核对无误");
            }
            await page.GetByTestId("override-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("override-record").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        await page.GotoAsync($"/venues?q={Uri.EscapeDataString("浏览器测试改名")}");
        await WaitInteractive(page);
        await Assertions.Expect(page.GetByTestId("venue-row-name").First).ToContainTextAsync("浏览器测试改名", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task TheVenueListRendersInChineseAndSwitchesToEnglish()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/venues");
        await WaitInteractive(page);
        await Assertions.Expect(page.GetByTestId("page-title")).ToContainTextAsync("场所");
        await Assertions.Expect(page.GetByTestId("venue-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "venues-zh.png") });

        await page.GetByTestId("language-toggle").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await WaitInteractive(page);

        await Assertions.Expect(page.GetByTestId("page-title")).ToContainTextAsync("Venues");
    }

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("INSPECTIONS_TEST_ARTIFACTS") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "inspections-browser");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static async Task<IReadOnlyList<string>> EventuallyAsync(Func<Task<IReadOnlyList<string>>> read, Func<IReadOnlyList<string>, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 50 && !done(value); i++)
        {
            await Task.Delay(200);
            value = await read();
        }
        return value;
    }

    private static Task WaitInteractive(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);

    private static async Task<bool> SavedOrOverrideAsync(IPage page)
    {
        var overridePanel = page.GetByTestId("override-panel");
        for (var i = 0; i < 50; i++)
        {
            if (await overridePanel.CountAsync() > 0)
            {
                return false;
            }
            if (await page.Locator("text=/已保存|Saved/").CountAsync() > 0)
            {
                return true;
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException("Saving showed neither a confirmation nor warnings to override.");
    }
}
