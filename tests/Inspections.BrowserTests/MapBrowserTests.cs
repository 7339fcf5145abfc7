using System.Globalization;
using System.Text.Json;
using Inspections.Domain.Registry;
using Inspections.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Inspections.BrowserTests;

[CollectionDefinition(Name)]
public sealed class MapBrowserCollection : ICollectionFixture<MapBrowserAppFixture>
{
    public const string Name = "map-browser";
}

/// <summary>The browser-test app with a district of 100,000 venues (seeded by COPY at start-up, ≈ 15–30 s).</summary>
public sealed class MapBrowserAppFixture : BrowserAppFixture
{
    public const int Venues = 100_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:DemoOnEmptyDatabase"] = "true",
        ["Seed:Venues"] = Venues.ToString(CultureInfo.InvariantCulture),
        ["Hangfire:Server"] = "false",
        // The start-up seed refreshes the spatial facts of 100,000 venues in one statement: more than 30 s on a busy machine.
        ["ConnectionStrings:Inspections"] = Database.ConnectionString + ";Command Timeout=600",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Inspections", Database.ConnectionString + ";Command Timeout=600");
    }
}

/// <summary>
/// The enforcement map on 100,000 venues: the first venues are painted from vector tiles (time printed, target &lt; 2 s
/// from navigation), a filter changes what is drawn, a click on a venue opens its popup with a link to its page.
/// </summary>
[Collection(MapBrowserCollection.Name)]
public sealed class MapBrowserTests(MapBrowserAppFixture app, ITestOutputHelper output)
{
    private const string Metrics = "window.inspectionsMap && window.inspectionsMap.metrics";

    [Fact]
    public async Task TheMapPaintsVenuesFiltersThemAndOpensAPopupOnClick()
    {
        var venue = await StreetVenueAsync();
        var page = await NewPageAsync();

        await page.GotoAsync("/map");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync($"{Metrics} && {Metrics}.firstVenuesPaintedAt !== undefined", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync($"{Metrics}.loads >= 1", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var first = await page.EvaluateAsync<JsonElement>($"({Metrics})");
        var paintedAt = first.GetProperty("firstVenuesPaintedAt").GetDouble();
        var sinceCreate = first.GetProperty("firstVenuesSinceCreate").GetDouble();
        var all = first.GetProperty("featuresStyled").GetInt32();
        output.WriteLine($"time to first venues painted: {paintedAt:F0} ms after navigation start ({sinceCreate:F0} ms after the map was created); {all} venues in the first view's tiles");
        Console.WriteLine($"[map] time to first venues painted: {paintedAt:F0} ms after navigation ({sinceCreate:F0} ms after map creation), {all} venues drawn");
        Assert.True(all > 0, "the first view shows venues");
        Assert.True(await page.Locator(".venue-map .leaflet-tile-container canvas").CountAsync() > 0, "venue tiles are drawn on canvases");
        Assert.True(paintedAt < 10_000, $"first venues after {paintedAt:F0} ms");

        // A filter changes what is drawn: only internet cafés.
        await page.GetByTestId($"map-filter-type-{VenueType.InternetCafe}").ClickAsync();
        await page.WaitForFunctionAsync($"{Metrics}.lastQuery === 'type=InternetCafe' && {Metrics}.loads >= 2", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var filtered = await page.EvaluateAsync<int>($"{Metrics}.featuresStyled");
        output.WriteLine($"internet cafés only: {filtered} of {all}");
        Assert.InRange(filtered, 1, all - 1);
        await page.GetByTestId($"map-filter-type-{VenueType.InternetCafe}").ClickAsync();
        await page.WaitForFunctionAsync($"{Metrics}.lastQuery === '' && {Metrics}.loads >= 3", null, new PageWaitForFunctionOptions { Timeout = 20_000 });

        // Zoom onto one venue (single venues, no clusters, from zoom 13) and click it.
        var loads = await page.EvaluateAsync<int>($"{Metrics}.loads");
        await page.EvaluateAsync($"window.inspectionsMap.view({venue.Location.X.ToString(CultureInfo.InvariantCulture)}, {venue.Location.Y.ToString(CultureInfo.InvariantCulture)}, 17)");
        await page.WaitForFunctionAsync($"{Metrics}.loads > {loads}", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var point = await page.EvaluateAsync<JsonElement>(
            $"window.inspectionsMap.pointOf({venue.Location.X.ToString(CultureInfo.InvariantCulture)}, {venue.Location.Y.ToString(CultureInfo.InvariantCulture)})");
        var box = (await page.GetByTestId("venue-map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + point.GetProperty("x").GetSingle(), box.Y + point.GetProperty("y").GetSingle());
        var popup = page.GetByTestId("map-popup");
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await Assertions.Expect(popup).ToContainTextAsync(venue.Name);
        await Assertions.Expect(popup.GetByTestId("map-popup-link")).ToHaveAttributeAsync("href", $"/venues/{venue.Id}");
        await Assertions.Expect(popup.GetByTestId("map-popup-last-visit")).ToBeVisibleAsync();

        // For the README: zoomed out a little, popup still open.
        loads = await page.EvaluateAsync<int>($"{Metrics}.loads");
        await page.EvaluateAsync($"window.inspectionsMap.view({venue.Location.X.ToString(CultureInfo.InvariantCulture)}, {venue.Location.Y.ToString(CultureInfo.InvariantCulture)} + 0.002, 15)");
        await page.WaitForFunctionAsync($"{Metrics}.loads > {loads}", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("map.png") });
    }

    [Fact]
    public async Task SearchFliesToAVenueAndOpensItsPopup()
    {
        var venue = await StreetVenueAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/map");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("venue-map")).ToHaveAttributeAsync("data-ready", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });

        await page.Locator("input[data-testid='map-search'], [data-testid='map-search'] input").First.PressSequentiallyAsync(venue.Name, new LocatorPressSequentiallyOptions { Delay = 20 });
        var hit = page.GetByTestId("map-search-hit").Filter(new LocatorFilterOptions { HasText = venue.Name }).First;
        try
        {
            await hit.ClickAsync(new LocatorClickOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "map-search-failed.png") });
            throw;
        }
        var popup = page.GetByTestId("map-popup");
        // On a loaded machine a keystroke can come later than the search box's 250 ms debounce: an earlier search's
        // list is re-rendered by a later one under the click, which then selects nothing (seen once in a full run: the
        // hit highlighted, the list still open, no popup). Pick again while the list is still there.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Assertions.Expect(popup).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                if (await hit.IsVisibleAsync())
                {
                    await hit.ClickAsync(new LocatorClickOptions { Timeout = 20_000 });
                }
            }
        }
        await Assertions.Expect(popup).ToContainTextAsync(venue.Name);
    }

    /// <summary>Signed in as the street lead; a longer timeout, the 100,000-venue host shares two cores with other work.</summary>
    private async Task<IPage> NewPageAsync()
    {
        var page = await app.NewPageAsync(width: 1366, height: 900, signInAs: null);
        page.SetDefaultTimeout(60_000);
        await BrowserAppFixture.LoginAsync(page, DemoAccounts.StreetLead);
        return page;
    }

    /// <summary>An operating venue of the demo street lead's street, away from its neighbours so a click hits it alone.</summary>
    private async Task<Venue> StreetVenueAsync()
    {
        await using var db = app.Database.CreateContext();
        var street = await db.Users.Where(u => u.UserName == DemoAccounts.StreetLead).Select(u => u.JurisdictionId).SingleAsync();
        var communities = await db.Jurisdictions.Where(j => j.ParentId == street).Select(j => j.Id).ToListAsync();
        return await db.Venues
            .Where(v => v.JurisdictionId != null && communities.Contains(v.JurisdictionId.Value) && v.Status == VenueStatus.Operating)
            .OrderBy(v => v.Name).FirstAsync();
    }

}
