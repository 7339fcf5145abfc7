using System.Globalization;
using Inspections.Seed;
using Microsoft.Playwright;

namespace Inspections.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task ALeadOpensTheDashboardChangesTheMonthAndDrillsIntoAChart()
    {
        var page = await app.NewPageAsync(width: 1600, height: 1000, signInAs: DemoAccounts.StreetLead);
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        var coverage = page.GetByTestId("chart-canvas-coverage");
        await Assertions.Expect(coverage).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 20_000 });

        // Change the month: the previous one (China time).
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var previous = new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
        await page.GetByTestId("dashboard-month").ClickAsync();
        await page.GetByTestId($"dashboard-month-{previous:yyyy-MM}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-tiles")).ToHaveAttributeAsync("data-month", previous.Month.ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"month={previous.Month}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(coverage).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 20_000 });

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard.png"), FullPage = false });

        // Click the first bar of the coverage chart where ECharts drew it: the list of venues of that type appears.
        var point = await page.EvaluateAsync<double[]>("""
            () => {
                const el = document.querySelector("[data-testid='chart-canvas-coverage']");
                const chart = window.echarts.getInstanceByDom(el);
                const venues = chart.getOption().series[0].data[0];
                const [x, y] = chart.convertToPixel('grid', [Math.max(venues / 2, 0.5), 0]);
                const r = el.getBoundingClientRect();
                return [r.left + x, r.top + y];
            }
            """);
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);

        var drill = page.GetByTestId("drill-panel");
        await Assertions.Expect(drill).ToBeVisibleAsync();
        await Assertions.Expect(drill).ToHaveAttributeAsync("data-chart", "coverage");
        Assert.True(await page.GetByTestId("drill-row").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard-drill.png"), FullPage = false });
    }

}
