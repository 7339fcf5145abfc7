using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Infrastructure.Dashboard;
using Inspections.IntegrationTests.Documents;
using MiniExcelLibs;
using static Inspections.IntegrationTests.Dashboard.DashboardWebFactory;

namespace Inspections.IntegrationTests.Dashboard;

/// <summary>
/// Every figure of the dashboard for October 2026 on the hand-made district of <see cref="DashboardWebFactory"/>,
/// compared with numbers worked out by hand, through the real API and SQL, scoped by the caller's jurisdiction.
/// </summary>
public sealed class DashboardFiguresTests(DashboardWebFactory app) : IClassFixture<DashboardWebFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const string October = "year=2026&month=10";

    private async Task<DashboardFigures> FiguresAsync(string user, string query = October)
    {
        var client = await app.ClientForAsync(user);
        var response = await client.GetAsync($"/api/dashboard?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DashboardFigures>(Json))!;
    }

    [Fact]
    public async Task PlanVersusDoneMatchesTheHandCount()
    {
        var f = await FiguresAsync(LeadA);

        Assert.Empty(f.MissingSources);
        // Operations: OpA (A1) and OpB (A2); the superseded plan's operation does not count. Both had a planned venue visited.
        // Planned visits: V1, V2, V3 (OpA) + V5, V6 (OpB) = 5; done: V1 (X1), V2 (X2), V5 (X3, ad hoc) = 3 — V6 only has a
        // conflicting duplicate (X4) and a visit on 1 November local time (X5).
        // Visits in October: X1, X2, X3 (X3 at 23:30 on 31 October local is still October); X3 is the ad-hoc one.
        // Failed items: K-01, K-02 (X1), H-01 (X2), C-01 (X3) = 4 on 3 visits. Street B's XB is not counted.
        Assert.Equal(new PlanTotals(OperationsPlanned: 2, OperationsDone: 2, VisitsPlanned: 5, PlannedVisitsDone: 3, Visits: 3, AdHocVisits: 1,
            VenuesVisited: 3, FailedItems: 4, VisitsWithFindings: 3), f.Totals);

        Assert.Equal(
            [new CommunityProgress(A1, "甲一社区", 1, 1, 3, 2, 2, 0), new CommunityProgress(A2, "甲二社区", 1, 1, 2, 1, 1, 1)],
            f.Communities);

        // Police had an officer on both teams (5 planned, 3 done); market supervision only on OpA (3 planned, 2 done).
        // Visits by department: X1, X2 (police + market), X3 (police).
        Assert.Equal(
            [new DepartmentProgress("MarketSupervision", 3, 2, 2), new DepartmentProgress("Police", 5, 3, 3)],
            f.Departments);
    }

    [Fact]
    public async Task CoverageCountsOperatingVenuesVisitedThisQuarter()
    {
        var f = await FiguresAsync(LeadA);

        // Q4: V1 (X1), V2 (X2), V5 (X3), V6 (X5 in November) visited; V3 (bar) not; V4 is closed and not counted.
        Assert.Equal(4, f.Quarter);
        var byType = f.Coverage.ToDictionary(c => c.VenueType, c => (c.Venues, c.Covered));
        Assert.Equal((2, 2), byType["Ktv"]);
        Assert.Equal((1, 1), byType["Hotel"]);
        Assert.Equal((1, 0), byType["Bar"]);
        Assert.Equal((1, 1), byType["InternetCafe"]);
        Assert.Equal(4, byType.Count);
        Assert.Equal(["Ktv", "InternetCafe", "Bar", "Hotel"], f.Coverage.Select(c => c.VenueType));
        Assert.All(f.Coverage, c => Assert.True(c.QuarterlySpecialCheck));
    }

    [Fact]
    public async Task FindingsCountFailedItemsByItemAndVenueType()
    {
        var f = await FiguresAsync(LeadA);

        Assert.Equal(
            [("C-01", "InternetCafe", 1), ("H-01", "Hotel", 1), ("K-01", "Ktv", 1), ("K-02", "Ktv", 1)],
            f.Findings.Select(x => (x.ItemCode, x.VenueType, x.Failures)).Order());
        Assert.Equal("接纳未成年人", f.Findings.Single(x => x.ItemCode == "K-01").ItemText);
    }

    [Fact]
    public async Task FunnelAndOverdueListFollowTheNotices()
    {
        var f = await FiguresAsync(LeadA);

        // Issued in October in street A: N1, N2, N3, N4 (N5 is a draft, N6 was issued in September, NB is street B's).
        // Served: N2, N3, N4. Rectified: N3. Overdue: N1 (issued, deadline 20 October passed). Escalated: N4.
        Assert.Equal(new NoticeFunnel(Issued: 4, Served: 3, Rectified: 1, Overdue: 1, Escalated: 1), f.Funnel);

        // The overdue list is "now", whatever the month: N6 (marked overdue, deadline 30 September) then N1.
        Assert.Equal([N6, N1], f.Overdue.Select(o => o.Id));
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.Equal(today.DayNumber - new DateOnly(2026, 10, 20).DayNumber, f.Overdue[1].DaysOverdue);
        Assert.Equal("欢唱KTV", f.Overdue[1].VenueName);
    }

    [Fact]
    public async Task WorkloadAndTrendMatchTheHandCount()
    {
        var f = await FiguresAsync(LeadA);

        // Planned: O1 on both teams (3 + 2), O2 on OpA (3), O3 on OpB (2). Visits: O1 X1, X2, X3; O2 X1, X2; O3 X3.
        // Notices issued in October by visit officers: N1, N2, N3 (O1, O2) and N4 (O1, O3).
        var w = f.Workload.ToDictionary(o => o.Id, o => (o.VisitsPlanned, o.Visits, o.NoticesIssued));
        Assert.Equal((5, 3, 4), w[O1]);
        Assert.Equal((3, 2, 3), w[O2]);
        Assert.Equal((2, 1, 1), w[O3]);
        Assert.False(w.ContainsKey(OB));
        Assert.Equal(O1, f.Workload[0].Id);

        Assert.Equal(12, f.Trend.Count);
        Assert.Equal((2025, 11), (f.Trend[0].Year, f.Trend[0].Month));
        Assert.Equal(new MonthTrend(2026, 10, VisitsPlanned: 5, Visits: 3, FailedItems: 4, NoticesIssued: 4, NoticesRectified: 1), f.Trend[11]);
        Assert.Equal(new MonthTrend(2026, 9, VisitsPlanned: 0, Visits: 1, FailedItems: 0, NoticesIssued: 1, NoticesRectified: 0), f.Trend[10]);
        Assert.All(f.Trend.Take(10), m => Assert.Equal(0, m.Visits + m.VisitsPlanned + m.NoticesIssued));
    }

    [Fact]
    public async Task FiguresAreScopedToTheCallersJurisdiction()
    {
        // Street B's lead sees only XB and NB; street A's jurisdiction does not exist for them.
        var b = await FiguresAsync(LeadB);
        Assert.Equal((1, 1, 1, 1), (b.Totals.OperationsPlanned, b.Totals.Visits, b.Totals.FailedItems, b.Funnel.Issued));
        Assert.Equal([NB], b.Overdue.Select(o => o.Id));
        var leadB = await app.ClientForAsync(LeadB);
        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/dashboard?{October}&jurisdictionId={StreetA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/dashboard/drill?{October}&chart=communities&key={A1}")).StatusCode);

        // The lead of community A1 sees A1 only: X1, X2; notices N1–N3 (and N6 overdue).
        var a1 = await FiguresAsync(LeadA1);
        Assert.Equal((1, 3, 2, 3), (a1.Totals.OperationsPlanned, a1.Totals.VisitsPlanned, a1.Totals.Visits, a1.Funnel.Issued));
        Assert.Equal([A1], a1.Communities.Select(c => c.Id));

        // Street A's lead choosing community A2: OpB, X3, N4.
        var a2 = await FiguresAsync(LeadA, $"{October}&jurisdictionId={A2}");
        Assert.Equal((1, 2, 1, 1), (a2.Totals.OperationsPlanned, a2.Totals.VisitsPlanned, a2.Totals.Visits, a2.Funnel.Issued));

        // An administrator sees both streets.
        var all = await FiguresAsync(Admin);
        Assert.Equal((3, 4, 5), (all.Totals.OperationsPlanned, all.Totals.Visits, all.Funnel.Issued));
    }

    [Fact]
    public async Task OfficersMayNotSeeTheDashboard()
    {
        var officer = await app.ClientForAsync(OfficerA);

        var response = await officer.GetAsync($"/api/dashboard?{October}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("year=1999&month=10", "year")]
    [InlineData("year=2026&month=13", "month")]
    public async Task BadMonthsAreFieldErrors(string query, string field)
    {
        var client = await app.ClientForAsync(LeadA);

        var response = await client.GetAsync($"/api/dashboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task EveryChartDrillsDownToItsRows()
    {
        var client = await app.ClientForAsync(LeadA);

        async Task<DrillTable> Drill(string chart, string key)
        {
            var response = await client.GetAsync($"/api/dashboard/drill?{October}&chart={chart}&key={Uri.EscapeDataString(key)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<DrillTable>(Json))!;
        }

        Assert.Equal([V2, V1], (await Drill("communities", A1.ToString())).Rows.Select(r => r.VenueId));
        Assert.Equal(2, (await Drill("departments", "MarketSupervision")).Rows.Count);
        var bars = await Drill("coverage", "Bar");
        Assert.Equal([V3], bars.Rows.Select(r => r.VenueId));
        Assert.Null(bars.Rows[0].Cells[3]);
        Assert.Equal([V1], (await Drill("findings", "K-01")).Rows.Select(r => r.VenueId));
        var overdue = await Drill("funnel", "overdue");
        Assert.Equal("测责改〔2026〕70号", Assert.Single(overdue.Rows).Cells[0]);
        Assert.Equal(3, (await Drill("workload", O1.ToString())).Rows.Count);
        Assert.Single((await Drill("trend", "2026-09")).Rows);

        var bad = await client.GetAsync($"/api/dashboard/drill?{October}&chart=nonsense&key=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ChartsExportAsCsvAndXlsx()
    {
        var client = await app.ClientForAsync(LeadA);

        var csv = await client.GetAsync($"/api/dashboard/export?{October}&chart=funnel&format=csv");
        var xlsx = await client.GetAsync($"/api/dashboard/export?{October}&chart=communities&format=xlsx");
        var bad = await client.GetAsync($"/api/dashboard/export?{October}&chart=funnel&format=doc");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["环节,通知书（份）", "已下发,4", "已送达,3", "整改到位,1", "逾期,1", "移送立案,1"], lines);

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = await xlsx.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("甲一社区", rows[0]["社区"]);
        Assert.Equal(3.0, Convert.ToDouble(rows[0]["计划检查"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task TheMeetingPdfPrintsTheFiguresInChinese()
    {
        var client = await app.ClientForAsync(LeadA);

        var response = await client.GetAsync($"/api/dashboard/pdf?{October}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Poppler.Squeeze(Poppler.RawText(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("未成年人保护联合检查工作看板", text);
        Assert.Contains("甲街道", text);
        Assert.Contains("整改通知书漏斗", text);
        Assert.Contains("测责改〔2026〕70号", text);
    }
}
