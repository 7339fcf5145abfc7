using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inspections.Infrastructure.Progress.Jobs;
using Inspections.IntegrationTests.Documents;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Inspections.IntegrationTests.Dashboard.DashboardWebFactory;

namespace Inspections.IntegrationTests.Dashboard;

/// <summary>The monthly progress table: computed key figures, texts with If-Match, submission, audit, PDF and reminders.</summary>
public sealed class ProgressReportTests(DashboardWebFactory app) : IClassFixture<DashboardWebFactory>
{
    private static object Body(int month, string progress = "开展宣传", string? extra = null) => new
    {
        year = 2026,
        month,
        sections = new object[]
        {
            new { task = "Publicity", progress, dataNote = "宣传活动3次", nextSteps = "继续宣传" },
            new { task = "Investigation", progress = extra ?? "排查到位", dataNote = "", nextSteps = "季度全覆盖" },
            new { task = "Enforcement", progress = "联合执法", nextSteps = "每月两次" },
            new { task = "Rectification", progress = "督促整改", nextSteps = "逾期移送" },
        },
    };

    private static HttpRequestMessage Put(Guid street, object body, string? etag) => With(new HttpRequestMessage(HttpMethod.Put, $"/api/progress-reports/{street}")
    {
        Content = JsonContent.Create(body),
    }, etag);

    private static HttpRequestMessage Submit(Guid street, int month, string? etag) => With(new HttpRequestMessage(HttpMethod.Post, $"/api/progress-reports/{street}/submit")
    {
        Content = JsonContent.Create(new { year = 2026, month }),
    }, etag);

    private static HttpRequestMessage With(HttpRequestMessage m, string? etag)
    {
        if (etag is not null)
        {
            m.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }
        return m;
    }

    [Fact]
    public async Task KeyFiguresComeFromTheDashboardQueries()
    {
        var clerk = await app.ClientForAsync(ClerkA);

        var report = await clerk.GetFromJsonAsync<JsonElement>($"/api/progress-reports/{StreetA}?year=2026&month=10");

        var sections = report.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("task").GetString()!, s => s.GetProperty("keyData").GetString()!);
        Assert.Equal(["Publicity", "Investigation", "Enforcement", "Rectification"], sections.Keys);
        Assert.StartsWith("检查场所3家；计划检查5家次，已完成3家次（60.0%）", sections["Investigation"]);
        Assert.Contains("KTV2/2（100.0%）", sections["Investigation"]);
        Assert.Contains("酒吧0/1（0.0%）", sections["Investigation"]);
        Assert.StartsWith("开展联合执法行动2次（计划2次，每月不少于2次：已达标）；检查3家次，其中临时/投诉检查1家次；发现问题4项，涉及3家次", sections["Enforcement"]);
        Assert.Equal("下发整改通知书4份，已送达3份，整改到位1份，逾期1份，移送立案1份；当前逾期未整改2份", sections["Rectification"]);
        Assert.Equal("2026-10-20", report.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task TextsAreSavedWithIfMatchSubmittedAndAudited()
    {
        var lead = await app.ClientForAsync(LeadA);

        var created = await lead.SendAsync(Put(StreetA, Body(8, progress: ""), null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag!.Tag;

        var withoutIfMatch = await lead.SendAsync(Put(StreetA, Body(8), null));
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);

        var incomplete = await lead.SendAsync(Submit(StreetA, 8, etag));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);

        var saved = await lead.SendAsync(Put(StreetA, Body(8), etag));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var newTag = saved.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newTag);

        var stale = await lead.SendAsync(Put(StreetA, Body(8, extra: "覆盖"), etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var submitted = await lead.SendAsync(Submit(StreetA, 8, newTag));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var body = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        Assert.Equal(LeadA, body.GetProperty("submittedBy").GetString());
        Assert.Equal("宣传活动3次", body.GetProperty("sections")[0].GetProperty("dataNote").GetString());

        await using var c = new NpgsqlConnection(app.Database.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM audit_log WHERE entity_type = 'ProgressReport'", c);
        Assert.True((long)(await cmd.ExecuteScalarAsync())! >= 3);
    }

    [Fact]
    public async Task OtherStreetsAndReadOnlyRolesCannotWrite()
    {
        var leadB = await app.ClientForAsync(LeadB);
        var officer = await app.ClientForAsync(OfficerA);
        var communityLead = await app.ClientForAsync(LeadA1);

        Assert.Equal(HttpStatusCode.NotFound, (await leadB.SendAsync(Put(StreetA, Body(7), null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/progress-reports/{StreetA}?year=2026&month=7")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.SendAsync(Put(StreetA, Body(7), null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await communityLead.SendAsync(Put(StreetA, Body(7), null))).StatusCode);

        var bad = await (await app.ClientForAsync(LeadA)).SendAsync(Put(StreetA, new { year = 2026, month = 13, sections = Array.Empty<object>() }, null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task TheTablePrintsAsAChinesePdf()
    {
        var lead = await app.ClientForAsync(LeadA);
        Assert.Equal(HttpStatusCode.Created, (await lead.SendAsync(Put(StreetA, Body(10, progress: "走访学校开展宣讲"), null))).StatusCode);

        var response = await lead.GetAsync($"/api/progress-reports/{StreetA}/pdf?year=2026&month=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Poppler.Squeeze(Poppler.RawText(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("甲街道未成年人保护月度工作进度表", text);
        foreach (var task in new[] { "大宣传", "大排查", "大执法", "大整治", "工作进展情况", "重点数据", "下一步工作计划", "走访学校开展宣讲", "宣传活动3次" })
        {
            Assert.Contains(task, text);
        }
        Assert.Contains("下发整改通知书4份", text);
    }

    [Fact]
    public async Task TheReminderJobRemindsUnsubmittedStreetsOnceADayFromThe15th()
    {
        using var scope = app.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<ProgressReminderJob>();
        var lead = await app.ClientForAsync(LeadA);
        var created = await lead.SendAsync(Put(StreetA, Body(6), null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.SendAsync(Submit(StreetA, 6, created.Headers.ETag!.Tag))).StatusCode);

        Assert.Equal(0, await job.RunForAsync(new DateOnly(2026, 6, 14), CancellationToken.None));
        Assert.Equal(1, await job.RunForAsync(new DateOnly(2026, 6, 15), CancellationToken.None)); // street B only: A submitted
        Assert.Equal(0, await job.RunForAsync(new DateOnly(2026, 6, 15), CancellationToken.None)); // idempotent
        Assert.Equal(1, await job.RunForAsync(new DateOnly(2026, 6, 16), CancellationToken.None));
        Assert.Equal(2, await job.RunForAsync(new DateOnly(2026, 5, 21), CancellationToken.None)); // May: nobody submitted, after the due day too

        var leadB = await app.ClientForAsync(LeadB);
        var b = await leadB.GetFromJsonAsync<JsonElement>($"/api/progress-reports/{StreetB}?year=2026&month=6");
        Assert.Equal(["2026-06-16", "2026-06-15"], b.GetProperty("reminders").EnumerateArray().Select(r => r.GetString()));
        await using var c = new NpgsqlConnection(app.Database.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT recipients FROM progress_report_reminders WHERE street_jurisdiction_id = '{StreetB}' AND reminded_on = '2026-06-15'", c);
        Assert.Equal(LeadB, await cmd.ExecuteScalarAsync());
    }
}
