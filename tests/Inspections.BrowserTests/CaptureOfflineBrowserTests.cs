using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

/// <summary>
/// The tablet capture PWA (ADR 13) in Chromium against the real server: a whole visit captured with the network cut
/// in the middle, the app reloaded with no network (service worker + IndexedDB), then the network restored and the
/// outbox synced exactly once.
/// </summary>
public sealed class CaptureOfflineBrowserTests(CaptureAppFixture app) : IClassFixture<CaptureAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task AVisitCapturedAcrossAnOfflineReloadIsStoredExactlyOnceWithItsItemsAndPhotos()
    {
        var (context, page) = await NewTabletAsync(1280, 800);
        var api = page.APIRequest;

        // Reference data the way the tablet sees it: a venue whose type has a pack, and a second officer of another
        // department so that the joint checklist has items of both.
        var boot = await GetAsync<CaptureBootstrap>(api, "/api/capture/bootstrap");
        Assert.NotNull(boot.User.OfficerId);
        var me = boot.Officers.Single(o => o.Id == boot.User.OfficerId);
        var partner = boot.Officers.First(o => o.DepartmentKind != me.DepartmentKind);
        var venue = await FindVenueAsync(api, boot);
        var pack = boot.Packs.First(p => string.Equals(p.VenueType, venue.Type, StringComparison.OrdinalIgnoreCase));
        var expectedItems = pack.Items.Count(i => i.DepartmentKind == me.DepartmentKind || i.DepartmentKind == partner.DepartmentKind);
        Assert.True(expectedItems >= 2, "the pack needs items of the two departments");
        await context.SetGeolocationAsync(new Geolocation { Latitude = (float)venue.Latitude, Longitude = (float)venue.Longitude, Accuracy = 8 });

        await page.GotoAsync("/capture/");
        await WaitForAppAsync(page);
        await Assertions.Expect(page.GetByTestId("today-page")).ToHaveAttributeAsync("data-loaded", "true");

        // Ad-hoc visit: search the venue, start.
        await Field(page, "venue-search").FillAsync(venue.Name);
        await page.GetByTestId("venue-search-go").ClickAsync();
        await page.GetByTestId("venue-result").First.GetByTestId("venue-start").ClickAsync();
        await page.WaitForURLAsync("**/capture/visit/*");
        var visitId = Guid.Parse(await page.GetByTestId("visit-page").GetAttributeAsync("data-visit-id") ?? "");

        // Check-in: team of two, GPS, IDs shown, recusal offered, person present.
        await page.Locator($"input[data-testid='officer-toggle'][data-officer='{partner.Name}'], [data-testid='officer-toggle'][data-officer='{partner.Name}'] input").First.CheckAsync();
        await page.GetByTestId("checkin").ClickAsync();
        await Assertions.Expect(page.GetByTestId("checkin-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("checkin-far")).ToHaveCountAsync(0);
        await Field(page, "ids-shown").CheckAsync();
        await Field(page, "recusal-offered").CheckAsync();
        await Field(page, "person-name").FillAsync("张店长");
        await Field(page, "person-role").FillAsync("店长");

        // Checklist: the first half answered online.
        await page.GetByTestId("tab-1").ClickAsync();
        var items = page.GetByTestId("item");
        await Assertions.Expect(items).ToHaveCountAsync(expectedItems);
        var half = expectedItems / 2;
        for (var i = 0; i < half; i++)
        {
            await items.Nth(i).GetByTestId("item-pass").ClickAsync();
            await Assertions.Expect(items.Nth(i)).ToHaveAttributeAsync("data-outcome", "Pass");
        }

        // The network goes away in the middle of the visit.
        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.GetByTestId("net-offline")).ToBeVisibleAsync();
        await items.Nth(half).GetByTestId("item-fail").ClickAsync();
        await Field(items.Nth(half), "item-note").FillAsync("未悬挂禁止未成年人进入标志");
        var jpeg = await MakeJpegAsync(page, 3000, 2000);
        await items.Nth(half).GetByTestId("item-photo-input").SetInputFilesAsync(new FilePayload { Name = "finding.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await Assertions.Expect(items.Nth(half).GetByTestId("item-photo-thumb")).ToHaveCountAsync(1);

        // Reload with no network: the service worker serves the app shell, IndexedDB the visit. Not one request may
        // reach the server meanwhile (proof that the emulated outage also covers the service worker's own fetches).
        var requestsBefore = app.Requests.Count;
        await page.ReloadAsync();
        await WaitForAppAsync(page);
        // The browser's own update check of the service worker script is not covered by the emulated outage.
        AssertNothingReachedTheServerSince(requestsBefore);
        await Assertions.Expect(page.GetByTestId("net-offline")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("visit-page")).ToHaveAttributeAsync("data-visit-id", visitId.ToString());
        await Assertions.Expect(Field(page, "person-name")).ToHaveValueAsync("张店长");
        await page.GetByTestId("tab-1").ClickAsync();
        items = page.GetByTestId("item");
        for (var i = 0; i < half; i++)
        {
            await Assertions.Expect(items.Nth(i)).ToHaveAttributeAsync("data-outcome", "Pass");
        }
        await Assertions.Expect(items.Nth(half)).ToHaveAttributeAsync("data-outcome", "Fail");
        await Assertions.Expect(Field(items.Nth(half), "item-note")).ToHaveValueAsync("未悬挂禁止未成年人进入标志");
        await Assertions.Expect(items.Nth(half).GetByTestId("item-photo-thumb")).ToHaveCountAsync(1);

        // The rest, still offline: answers, findings, a general photo, signatures, submit.
        for (var i = half + 1; i < expectedItems; i++)
        {
            await items.Nth(i).GetByTestId(i % 2 == 0 ? "item-pass" : "item-na").ClickAsync();
        }
        await page.GetByTestId("tab-2").ClickAsync();
        await Field(page, "findings").FillAsync("入口未设置未成年人禁入标志，已责令整改。");
        await Field(page, "party-comments").FillAsync("无异议");
        await page.GetByTestId("general-photo-input").SetInputFilesAsync(new FilePayload { Name = "front.jpg", MimeType = "image/jpeg", Buffer = await MakeJpegAsync(page, 640, 480) });
        await Assertions.Expect(page.GetByTestId("general-photo-thumb")).ToHaveCountAsync(1);
        var stroke = 0;
        foreach (var role in new[] { "Party", "Officer1", "Officer2" })
        {
            await SignAsync(page, role, ++stroke);
        }
        await Assertions.Expect(page.GetByTestId("submit-missing")).ToHaveCountAsync(0);
        await page.GetByTestId("submit").ClickAsync();
        await page.WaitForURLAsync("**/capture/outbox");
        AssertNothingReachedTheServerSince(requestsBefore);
        var entry = page.Locator($"[data-testid='outbox-item'][data-visit-id='{visitId}']");
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-status", "Pending");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "capture-outbox-offline.png") });

        // Network back: the outbox uploads the photos and the visit once.
        await context.SetOfflineAsync(false);
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-status", "Synced", new() { Timeout = 30_000 });
        await page.GetByTestId("outbox-retry").ClickAsync();
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-status", "Synced");

        // The server holds exactly this visit, with every item and photo (the same content again is a duplicate).
        var stored = await page.EvaluateAsync<string>(
            "async id => JSON.stringify((await (await import('./js/capture.js')).get('visits', id)))", visitId.ToString());
        var draft = JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Deserialize<string>(stored)!);
        var submission = draft.GetProperty("submission").Deserialize<VisitSubmission>(Json)!;
        Assert.Equal(expectedItems, submission.Items.Count);
        Assert.Single(submission.Items.Single(i => i.Outcome == ItemOutcome.Fail).Photos);
        Assert.Single(submission.GeneralPhotos);
        Assert.Equal(3, submission.Signatures.Select(x => x.Sha256).Distinct().Count());
        await CaptureStorageAssertions.AssertStoredOnceAsync(app, visitId, submission);

        var again = await api.PutAsync($"/api/capture/visits/{visitId}", new()
        {
            DataString = JsonSerializer.Serialize(submission, Json),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.Equal(200, again.Status);
        Assert.True((await again.JsonAsync())!.Value.GetProperty("duplicate").GetBoolean());
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800, "landscape")]
    [InlineData(800, 1280, "portrait")]
    public async Task TheAppFitsTabletsInBothOrientationsWithLargeTouchTargets(int width, int height, string name)
    {
        var (context, page) = await NewTabletAsync(width, height);
        var boot = await GetAsync<CaptureBootstrap>(page.APIRequest, "/api/capture/bootstrap");
        var venue = await FindVenueAsync(page.APIRequest, boot);
        await context.SetGeolocationAsync(new Geolocation { Latitude = (float)venue.Latitude + 0.01f, Longitude = (float)venue.Longitude, Accuracy = 10 });
        await page.GotoAsync("/capture/");
        await WaitForAppAsync(page);
        await Assertions.Expect(page.GetByTestId("today-page")).ToHaveAttributeAsync("data-loaded", "true");
        await Field(page, "venue-search").FillAsync(venue.Name);
        await page.GetByTestId("venue-search-go").ClickAsync();
        await page.GetByTestId("venue-result").First.GetByTestId("venue-start").ClickAsync();
        await page.WaitForURLAsync("**/capture/visit/*");

        // 1.1 km away: the warning needs a reason before the visit can be submitted.
        await page.GetByTestId("checkin").ClickAsync();
        await Assertions.Expect(page.GetByTestId("checkin-far")).ToBeVisibleAsync();
        await page.GetByTestId("tab-1").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item").First).ToBeVisibleAsync();

        // No horizontal scrolling, and every button of the checklist is at least 48 px tall.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        var small = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('button, .photo-input-label')].filter(b => b.offsetParent && b.getBoundingClientRect().height < 47.5).length");
        Assert.Equal(0, small);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor($"capture-{name}.png") });
        await context.CloseAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page)> NewTabletAsync(int width, int height)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            BaseURL = app.BaseUrl,
            HasTouch = true,
            Permissions = ["geolocation"],
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var log = Path.Combine(Path.GetTempPath(), $"capture-browser-{width}x{height}.log");
        page.Console += (_, m) => File.AppendAllText(log, $"{DateTime.Now:HH:mm:ss} {m.Type}: {m.Text}\n");
        page.PageError += (_, e) => File.AppendAllText(log, $"{DateTime.Now:HH:mm:ss} pageerror: {e}\n");
        await BrowserAppFixture.LoginAsync(page, DemoAccounts.PoliceOfficer);
        return (context, page);
    }

    private void AssertNothingReachedTheServerSince(int before)
    {
        var leaked = app.Requests.Skip(before).Where(r => r != "GET /capture/service-worker.js").ToList();
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "capture-offline-requests.log"), string.Join(", ", app.Requests.Skip(before)) + "\n");
        Assert.True(leaked.Count == 0, "requests reached the server while offline: " + string.Join(", ", leaked));
    }

    /// <summary>The input of a MudBlazor field: MudBlazor puts data-testid on the input itself (text) or on a wrapper.</summary>
    private static ILocator Field(IPage page, string testId) => Field(page.Locator("body"), testId);

    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    private static async Task WaitForAppAsync(IPage page)
    {
        var layout = page.Locator("[data-testid='capture-layout'][data-ready='true']");
        await Assertions.Expect(layout).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The app shell is in the service worker's cache before anything goes offline.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=capture-layout]').dataset.shellCached) > 5",
            null, new() { Timeout = 30_000 });
    }

    private static async Task SignAsync(IPage page, string role, int variant)
    {
        var canvas = page.GetByTestId($"sig-{role}-canvas");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await page.Mouse.MoveAsync(box.X + 20 + i * 20, box.Y + 40 + (i % 2 == 0 ? 30 * variant : 0));
        }
        await page.Mouse.UpAsync();
        await page.GetByTestId($"sig-{role}-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"sig-{role}")).ToHaveAttributeAsync("data-signed", "true");
    }

    /// <summary>A JPEG made by the browser's own encoder (a gradient with text), as a camera would deliver it.</summary>
    private static async Task<byte[]> MakeJpegAsync(IPage page, int width, int height)
    {
        var base64 = await page.EvaluateAsync<string>(
            @"([w, h]) => { const c = document.createElement('canvas'); c.width = w; c.height = h; const x = c.getContext('2d');
                const g = x.createLinearGradient(0, 0, w, h); g.addColorStop(0, '#c33'); g.addColorStop(1, '#39c');
                x.fillStyle = g; x.fillRect(0, 0, w, h); x.fillStyle = '#fff'; x.font = '64px sans-serif'; x.fillText('TEST ' + Date.now(), 40, 120);
                return c.toDataURL('image/jpeg', 0.9).split(',')[1]; }",
            new[] { width, height });
        return Convert.FromBase64String(base64);
    }

    private static async Task<T> GetAsync<T>(IAPIRequestContext api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.Ok, $"{url}: HTTP {response.Status} {await response.TextAsync()}");
        return JsonSerializer.Deserialize<T>(await response.TextAsync(), Json)!;
    }

    /// <summary>A venue of the officer's street whose type has a pack, found through the capture search.</summary>
    private static async Task<VenueCard> FindVenueAsync(IAPIRequestContext api, CaptureBootstrap boot)
    {
        var types = boot.Packs.Select(p => p.VenueType).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var list = await GetAsync<JsonElement>(api, "/api/venues?pageSize=100");
        foreach (var v in list.GetProperty("items").EnumerateArray())
        {
            if (!types.Contains(v.GetProperty("type").GetString()!))
            {
                continue;
            }
            var name = v.GetProperty("name").GetString()!;
            var found = await GetAsync<List<VenueCard>>(api, $"/api/capture/venues?search={Uri.EscapeDataString(name)}");
            if (found.FirstOrDefault() is { } card && card.Name == name && types.Contains(card.Type))
            {
                return card;
            }
        }
        throw new InvalidOperationException("No venue of a type with a checklist pack in the demo street.");
    }

}

/// <summary>The browser-test app, counting every request that reaches the server (to prove the offline part is offline).</summary>
public sealed class CaptureAppFixture : BrowserAppFixture
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();

    /// <summary>Every request the server saw, in order ("GET /capture/").</summary>
    public IReadOnlyList<string> Requests => _paths.ToArray();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new CountingFilter(this)));
    }

    private sealed class CountingFilter(CaptureAppFixture fixture) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                fixture._paths.Enqueue($"{context.Request.Method} {context.Request.Path}");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
