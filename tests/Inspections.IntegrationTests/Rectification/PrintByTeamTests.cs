using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inspections.Domain.Capture;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Rectification;
using Inspections.IntegrationTests.Documents;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Rectification;

/// <summary>Batch printing for one team of a planned operation, and signatures on the record — on the real database.</summary>
public sealed class PrintByTeamTests(RectificationWebFactory app) : IClassFixture<RectificationWebFactory>
{
    private static readonly Dictionary<string, ItemOutcome> MarketAndPoliceFail = new()
    {
        ["M-01"] = ItemOutcome.Fail, ["M-02"] = ItemOutcome.Fail, ["P-01"] = ItemOutcome.Fail, ["P-02"] = ItemOutcome.Pass,
    };

    private static readonly Dictionary<string, ItemOutcome> AllPass = new()
    {
        ["M-01"] = ItemOutcome.Pass, ["M-02"] = ItemOutcome.Pass, ["P-01"] = ItemOutcome.Pass, ["P-02"] = ItemOutcome.Pass,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    [Fact]
    public async Task ABatchForOneTeamHoldsOnlyThatTeamsRecordsAndNotices()
    {
        // One operation today in a community of street A with two teams: team 1 = TeamA, team 2 = two other officers.
        Officer[] second;
        Guid operationId;
        await using (var db = app.Database.CreateContext())
        {
            var teamA = app.TeamA.Select(o => o.Id).ToList();
            second = await db.Officers.Where(o => o.JurisdictionId == app.StreetA.Id && !teamA.Contains(o.Id))
                .OrderBy(o => o.EnforcementIdNumber).Take(2).ToArrayAsync();
            var community = await db.Jurisdictions.Where(j => j.ParentId == app.StreetA.Id).OrderBy(j => j.Code).Select(j => j.Id).FirstAsync();
            var plan = new MonthlyPlanRecord(Guid.CreateVersion7(), app.StreetA.Id, new PlanningMonth(Today.Year, Today.Month), 42, "fp", "test",
                "{}"u8.ToArray(), "[]", "[]", "test", DateTimeOffset.UtcNow);
            plan.Approve("test", null, DateTimeOffset.UtcNow);
            operationId = Guid.CreateVersion7();
            db.Add(plan);
            db.Add(new PlannedOperationRecord(plan.Id, new PlannedOperation(operationId, 1, community, Today, new TimeOnly(0, 0), new TimeOnly(23, 59),
                OperationKind.Day, [new PlannedTeam(1, [.. teamA], []), new PlannedTeam(2, [.. second.Select(o => o.Id)], [])])));
            await db.SaveChangesAsync();
        }

        var venue1 = await app.NextVenueAsync(app.StreetA);
        await AddStopAsync(operationId, 1, 1, venue1.Id);
        var (visit1, notices1) = await app.SubmitVisitAsync(venue1, app.TeamA, MarketAndPoliceFail,
            planned: (PlannedVisitIds.Of(operationId, 1, 1), operationId));
        var venue2 = await app.NextVenueAsync(app.StreetA);
        await AddStopAsync(operationId, 2, 1, venue2.Id);
        var (visit2, notices2) = await app.SubmitVisitAsync(venue2, second, MarketAndPoliceFail,
            planned: (PlannedVisitIds.Of(operationId, 2, 1), operationId));
        // A venue team 2 found on its way (ad hoc, no stop) and a visit of team 1's officers outside the plan (not an operation's).
        var venue3 = await app.NextVenueAsync(app.StreetA);
        await app.SubmitVisitAsync(venue3, second, AllPass, kind: VisitKind.AdHoc);
        var venue4 = await app.NextVenueAsync(app.StreetA);
        await app.SubmitVisitAsync(venue4, app.TeamA, MarketAndPoliceFail, kind: VisitKind.Reinspection);
        Assert.Equal(2, notices1.Count);
        Assert.Equal(2, notices2.Count);

        var lead = await app.ClientForAsync(RectificationWebFactory.LeadA);
        var teams = await lead.GetFromJsonAsync<List<PrintTeamOption>>($"/api/print-batches/teams?from={Today:yyyy-MM-dd}", Json);
        Assert.Equal([1, 2], teams!.Where(t => t.OperationId == operationId).Select(t => t.Number));
        Assert.Equal(app.TeamA.Select(o => o.Name), teams![0].Officers);

        var (state1, pdf1) = await PrintAsync(lead, new { from = Today, records = true, notices = true, includeDrafts = true, team = new { operationId, number = 1 } });
        var (state2, pdf2) = await PrintAsync(lead, new { from = Today, records = true, notices = true, includeDrafts = true, team = new { operationId, number = 2 } });

        Assert.Equal(3, state1.DocumentsTotal); // team 1: one record, two notices
        Assert.Equal(4, state2.DocumentsTotal); // team 2: two records (one ad hoc, all passed), two notices
        var text1 = Poppler.Squeeze(Poppler.RawText(pdf1));
        var text2 = Poppler.Squeeze(Poppler.RawText(pdf2));
        Assert.Contains(Poppler.Squeeze(venue1.Name), text1);
        Assert.DoesNotContain(Poppler.Squeeze(venue2.Name), text1);
        Assert.DoesNotContain(Poppler.Squeeze(venue3.Name), text1);
        Assert.DoesNotContain(Poppler.Squeeze(venue4.Name), text1);
        Assert.Contains(Poppler.Squeeze(venue2.Name), text2);
        Assert.Contains(Poppler.Squeeze(venue3.Name), text2);
        Assert.DoesNotContain(Poppler.Squeeze(venue1.Name), text2);
        Assert.Contains("责令（限期）改正通知书", text1);
        Assert.Contains(Poppler.Squeeze(app.TeamA[0].Name), text1);
        Assert.Contains(Poppler.Squeeze(second[0].Name), text2);
        Assert.NotEqual(visit1, visit2);

        // A team that does not exist, and one of another street: 400 with a field error, existence not leaked.
        var unknown = await lead.PostAsJsonAsync("/api/print-batches", new { from = Today, records = true, team = new { operationId, number = 9 } });
        await AssertTeamErrorAsync(unknown);
        var noOperation = await lead.PostAsJsonAsync("/api/print-batches", new { from = Today, records = true, team = new { operationId = Guid.NewGuid(), number = 1 } });
        await AssertTeamErrorAsync(noOperation);
        var leadB = await app.ClientForAsync(RectificationWebFactory.LeadB);
        var foreign = await leadB.PostAsJsonAsync("/api/print-batches", new { from = Today, records = true, team = new { operationId, number = 1 } });
        await AssertTeamErrorAsync(foreign);
        Assert.DoesNotContain(await leadB.GetFromJsonAsync<List<PrintTeamOption>>($"/api/print-batches/teams?from={Today:yyyy-MM-dd}", Json) ?? [],
            t => t.OperationId == operationId);
        var incomplete = await lead.PostAsJsonAsync("/api/print-batches", new { from = Today, records = true, team = new { number = 1 } });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var backwards = await lead.GetAsync($"/api/print-batches/teams?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task TheRecordPdfDrawsTheCapturedSignaturesAboveTheNames()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var files = new[] { ("ab/party.png", 0), ("cd/officer1.png", 1), ("cd/officer2.png", 2) };
        foreach (var (path, variant) in files)
        {
            var full = Path.Combine(app.PhotoRoot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, TestImages.SignaturePng(variant));
        }
        var (visit, _) = await app.SubmitVisitAsync(venue, app.TeamA, MarketAndPoliceFail, signatures:
        [
            (SignerRole.Party, "王丽", files[0].Item1),
            (SignerRole.Officer1, app.TeamA[0].Name, files[1].Item1),
            (SignerRole.Officer2, app.TeamA[1].Name, files[2].Item1),
        ]);
        var admin = await app.AdminClientAsync();

        var pdf = await admin.GetByteArrayAsync($"/api/visits/{visit}/record.pdf");

        var images = Poppler.Images(pdf).Where(i => i.Type == "image").ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, i => Assert.Equal(Poppler.PageCount(pdf), i.Page));
        var last = Poppler.Squeeze(Poppler.RawPagesText(pdf)[^1]);
        Assert.Contains("当事人签名王丽", last);
        Assert.Contains(Poppler.Squeeze(app.TeamA[0].Name), last);
        Assert.Contains(Poppler.Squeeze(app.TeamA[1].Name), last);
        if (Environment.GetEnvironmentVariable("INSPECTIONS_PDF_OUT") is { Length: > 0 } keep)
        {
            await File.WriteAllBytesAsync(Path.Combine(keep, "record-with-signatures.pdf"), pdf);
        }

        // The file of one signature is gone: the record still prints, with the name under a blank.
        File.Delete(Path.Combine(app.PhotoRoot, files[1].Item1));
        var without = await admin.GetByteArrayAsync($"/api/visits/{visit}/record.pdf");
        Assert.Equal(2, Poppler.Images(without).Count(i => i.Type == "image"));
        Assert.Contains(Poppler.Squeeze(app.TeamA[0].Name), Poppler.Squeeze(Poppler.RawText(without)));
    }

    private async Task AddStopAsync(Guid operationId, int team, int sequence, Guid venueId)
    {
        await using var db = app.Database.CreateContext();
        var planId = await db.Set<PlannedOperationRecord>().Where(o => o.Id == operationId).Select(o => o.PlanId).SingleAsync();
        db.Add(new PlannedVisitRecord(planId, operationId, team, new PlannedVisit(sequence, venueId,
            Today.ToDateTime(new TimeOnly(9, 0)), 30, 500, 5, [])));
        await db.SaveChangesAsync();
    }

    private static async Task AssertTeamErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("team", out _), problem.RootElement.ToString());
    }

    private static async Task<(PrintBatchState State, byte[] Pdf)> PrintAsync(HttpClient client, object request)
    {
        var accepted = await client.PostAsJsonAsync("/api/print-batches", request);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var batch = (await accepted.Content.ReadFromJsonAsync<Dictionary<string, Guid>>(Json))!["id"];
        PrintBatchState? state = null;
        for (var i = 0; i < 160 && state?.Status is not ("Done" or "Failed"); i++)
        {
            await Task.Delay(250);
            state = await client.GetFromJsonAsync<PrintBatchState>($"/api/print-batches/{batch}", Json);
        }
        Assert.True(state!.Status == "Done", state.Error);
        return (state, await client.GetByteArrayAsync($"/api/print-batches/{batch}/pdf"));
    }
}
