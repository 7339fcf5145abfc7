using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Planning;

/// <summary>The lead's review (edits, approval, replay), the officers' side (calendar feed, reminders, conflicts) and the PDFs.</summary>
public sealed class PlanReviewTests(PlanningWebFactory app) : IClassFixture<PlanningWebFactory>
{
    [Fact]
    public async Task EditsAreCheckedAuditedConcurrencySafeAndReplayable()
    {
        var id = await DraftAsync(new PlanningMonth(2027, 10));
        var client = await app.AdminClientAsync();
        var read = await client.GetAsync($"/api/plans/{id}");
        var details = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        var op = details["operations"]!.AsArray().First(o => o!["teams"]!.AsArray().Count >= 2 && o["teams"]![0]!["visits"]!.AsArray().Count >= 2)!;
        var venue = op["teams"]![0]!["visits"]![0]!["venueId"]!.GetValue<Guid>();
        var operationId = op["id"]!.GetValue<Guid>();
        var etag = read.Headers.ETag!.Tag;

        var noIfMatch = await client.PostAsJsonAsync($"/api/plans/{id}/edits", new { kind = "MoveVisit", venueId = venue, operationId, teamNumber = 2 });
        var missingField = await SendEditAsync(client, id, etag, new { kind = "MoveVisit", venueId = venue });
        var unknownVenue = await SendEditAsync(client, id, etag, new { kind = "RemoveVisit", venueId = Guid.NewGuid() });
        var moved = await SendEditAsync(client, id, etag, new { kind = "MoveVisit", venueId = venue, operationId, teamNumber = 2, reason = "同路段" });
        var stale = await SendEditAsync(client, id, etag, new { kind = "RemoveVisit", venueId = venue });
        var removed = await SendEditAsync(client, id, moved.Headers.ETag!.Tag, new { kind = "RemoveVisit", venueId = venue });
        var afterRemove = (await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}"))!;
        var added = await SendEditAsync(client, id, removed.Headers.ETag!.Tag, new { kind = "AddVisit", venueId = venue, operationId, teamNumber = 1 });
        var replay = (await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}/replay"))!;
        var log = (await client.GetFromJsonAsync<JsonArray>($"/api/plans/{id}/edits"))!;
        var afterAdd = (await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}"))!;

        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingField.StatusCode);
        Assert.Equal("application/problem+json", missingField.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownVenue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotNull((await moved.Content.ReadFromJsonAsync<JsonObject>())!["violations"]);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains(afterRemove["unplanned"]!.AsArray(), u => u!["venueId"]!.GetValue<Guid>() == venue && u["cause"]!.GetValue<string>() == UnplannedCauses.RemovedByLead);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var team1 = afterAdd["operations"]!.AsArray().Single(o => o!["id"]!.GetValue<Guid>() == operationId)!["teams"]![0]!["visits"]!.AsArray();
        var back = Assert.Single(team1, v => v!["venueId"]!.GetValue<Guid>() == venue)!;
        Assert.Contains(back["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == ReasonCodes.ManualAdd);
        Assert.DoesNotContain(afterAdd["unplanned"]!.AsArray(), u => u!["venueId"]!.GetValue<Guid>() == venue);
        Assert.Equal(3, log.Count);
        Assert.Equal("同路段", log[0]!["reason"]!.GetValue<string>());
        Assert.True(replay["matches"]!.GetValue<bool>(), replay["firstDifference"]?.GetValue<string>());

        await using var db = app.Database.CreateContext();
        var audits = await db.Set<Inspections.Infrastructure.Audit.AuditEntry>().CountAsync(a => a.EntityType == nameof(MonthlyPlanRecord) && a.EntityId == id.ToString() && a.Action != "Created");
        Assert.True(audits >= 3, $"{audits} audit entries");
    }

    [Fact]
    public async Task AnApprovedPlanChangesOnlyWithAReason()
    {
        var id = await DraftAsync(new PlanningMonth(2027, 11));
        var client = await app.AdminClientAsync();
        var approved = await ApproveAsync(client, id);
        var details = (await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}"))!;
        var venue = details["operations"]![0]!["teams"]![0]!["visits"]![0]!["venueId"]!.GetValue<Guid>();

        var withoutReason = await SendEditAsync(client, id, approved, new { kind = "RemoveVisit", venueId = venue });
        var body = (await withoutReason.Content.ReadFromJsonAsync<JsonObject>())!;
        var withReason = await SendEditAsync(client, id, approved, new { kind = "RemoveVisit", venueId = venue, reason = "场所已停业" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.NotNull(body["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.OK, withReason.StatusCode);
        Assert.Equal("Approved", (await withReason.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OfficersGetTheirApprovedAssignmentsAsAPrivateICalendarFeed()
    {
        var id = await DraftAsync(new PlanningMonth(2027, 12));
        var admin = await app.AdminClientAsync();
        await ApproveAsync(admin, id);
        var (officer, officerClient) = await OfficerOfPlanAsync(id, "feed-officer");

        var before = await officerClient.GetFromJsonAsync<JsonObject>("/api/planning/calendar-feed");
        var rotated = (await (await officerClient.PostAsync("/api/planning/calendar-feed/rotate", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var url = new Uri(rotated["url"]!.GetValue<string>());
        var anonymous = app.CreateAnonymousClient();
        var feed = await anonymous.GetAsync(url.PathAndQuery);
        var text = await feed.Content.ReadAsStringAsync();
        var rotatedAgain = (await (await officerClient.PostAsync("/api/planning/calendar-feed/rotate", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var oldUrl = await anonymous.GetAsync(url.PathAndQuery);
        var newUrl = await anonymous.GetAsync(new Uri(rotatedAgain["url"]!.GetValue<string>()).PathAndQuery);
        var guessed = await anonymous.GetAsync("/api/planning/ical/not-a-token.ics");
        var adminFeed = await admin.GetAsync("/api/planning/calendar-feed");

        Assert.False(before!["exists"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE\r\n", text, StringComparison.Ordinal);
        Assert.Contains("TZID:Asia/Shanghai", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Asia/Shanghai:", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VEVENT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line of {Encoding.UTF8.GetByteCount(line)} octets"));
        await using (var db = app.Database.CreateContext())
        {
            // Every approved plan of the shared database (other tests approve theirs too), this one included.
            var approved = db.Set<MonthlyPlanRecord>().Where(p => p.Status == PlanStatus.Approved).Select(p => p.Id);
            var operations = await db.Set<PlannedOperationRecord>().Where(o => approved.Contains(o.PlanId)).ToListAsync();
            var expected = operations.Sum(o => o.Teams.Count(t => t.OfficerIds.Contains(officer)));
            Assert.Contains(operations, o => o.PlanId == id && o.Teams.Any(t => t.OfficerIds.Contains(officer)));
            Assert.Equal(expected, CountOf(text, "BEGIN:VEVENT"));
        }
        Assert.Equal(HttpStatusCode.NotFound, oldUrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newUrl.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, adminFeed.StatusCode);
    }

    [Fact]
    public async Task DailyRemindersAreWrittenOncePerOfficerOfTomorrowsApprovedOperations()
    {
        var id = await DraftAsync(new PlanningMonth(2028, 1));
        var admin = await app.AdminClientAsync();
        DateOnly date;
        int expected;
        await using (var db = app.Database.CreateContext())
        {
            var operations = await db.Set<PlannedOperationRecord>().Where(o => o.PlanId == id).ToListAsync();
            date = operations.Min(o => o.Date);
            var withVisits = await db.Set<PlannedVisitRecord>().Where(v => v.PlanId == id).Select(v => new { v.OperationId, v.TeamNumber }).Distinct().ToListAsync();
            expected = operations.Where(o => o.Date == date)
                .SelectMany(o => o.Teams.Where(t => withVisits.Any(w => w.OperationId == o.Id && w.TeamNumber == t.Number)).SelectMany(t => t.OfficerIds))
                .Count();
        }

        var draftRun = await RemindAsync(date);
        await ApproveAsync(admin, id);
        var first = await RemindAsync(date);
        var second = await RemindAsync(date);

        Assert.Equal(0, draftRun);
        Assert.True(expected > 0);
        Assert.Equal(expected, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task OfficersDeclareConflictsOfInterest()
    {
        var id = await DraftAsync(new PlanningMonth(2028, 2));
        var (officer, client) = await OfficerOfPlanAsync(id, "conflict-officer");
        Guid venue;
        await using (var db = app.Database.CreateContext())
        {
            venue = await db.Venues.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        }

        var declared = await client.PostAsJsonAsync("/api/planning/conflicts", new { venueId = venue, reason = "亲属经营" });
        var duplicate = await client.PostAsJsonAsync("/api/planning/conflicts", new { venueId = venue, reason = "亲属经营" });
        var unknown = await client.PostAsJsonAsync("/api/planning/conflicts", new { venueId = Guid.NewGuid(), reason = "亲属经营" });
        var invalid = await client.PostAsJsonAsync("/api/planning/conflicts", new { venueId = venue });
        var mine = (await client.GetFromJsonAsync<JsonArray>("/api/planning/conflicts"))!;

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var row = Assert.Single(mine)!;
        Assert.Equal(venue, row["venueId"]!.GetValue<Guid>());
        Assert.Equal(officer, row["officerId"]!.GetValue<Guid>());
        await using var check = app.Database.CreateContext();
        Assert.True(await check.Set<Inspections.Infrastructure.Audit.AuditEntry>().AnyAsync(a => a.EntityType == nameof(OfficerConflictRecord)));
    }

    [Fact]
    public async Task RouteSheetAndMonthlyPlanArePrintableChinesePdfs()
    {
        var id = await DraftAsync(new PlanningMonth(2028, 3));
        var client = await app.AdminClientAsync();
        var details = (await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}"))!;
        var op = details["operations"]![0]!;
        var firstVenue = op["teams"]![0]!["visits"]![0]!["venueName"]!.GetValue<string>();

        var sheet = await client.GetAsync($"/api/plans/{id}/operations/{op["id"]!.GetValue<Guid>()}/route-sheet");
        var monthly = await client.GetAsync($"/api/plans/{id}/pdf");
        var missing = await client.GetAsync($"/api/plans/{id}/operations/{Guid.NewGuid()}/route-sheet");

        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, monthly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var sheetText = await PdfTextAsync(await sheet.Content.ReadAsByteArrayAsync(), "route-sheet");
        var monthlyText = await PdfTextAsync(await monthly.Content.ReadAsByteArrayAsync(), "monthly-plan");
        Assert.Contains("联合检查路线单", sheetText, StringComparison.Ordinal);
        Assert.Contains("带队负责人签字", sheetText, StringComparison.Ordinal);
        Assert.Contains(firstVenue[..Math.Min(4, firstVenue.Length)], sheetText.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("联合检查计划", monthlyText, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private static async Task<string> PdfTextAsync(byte[] pdf, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "inspections-plan-pdfs");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        using var p = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text;
    }

    private static async Task<HttpResponseMessage> SendEditAsync(HttpClient client, Guid id, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{id}/edits") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<string> ApproveAsync(HttpClient client, Guid id)
    {
        var read = await client.GetAsync($"/api/plans/{id}");
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{id}/approve") { Content = JsonContent.Create(new { reason = "审核通过" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var approved = await client.SendAsync(approve);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return approved.Headers.ETag!.Tag;
    }

    private async Task<(Guid Officer, HttpClient Client)> OfficerOfPlanAsync(Guid planId, string userName)
    {
        await using var db = app.Database.CreateContext();
        var operation = await db.Set<PlannedOperationRecord>().Where(o => o.PlanId == planId).OrderBy(o => o.Number).FirstAsync();
        var officerId = operation.Teams[0].OfficerIds[0];
        var officer = await db.Officers.SingleAsync(o => o.Id == officerId);
        var client = await app.UserClientAsync(userName, AppRoles.Officer, officer.JurisdictionId, officer.Id, officer.DepartmentId);
        return (officerId, client);
    }

    private async Task<Guid> DraftAsync(PlanningMonth month)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<MonthlyPlanJob>().RunAsync(month.Year, month.Month, CancellationToken.None);
        }
        await using var db = app.Database.CreateContext();
        return await db.Set<MonthlyPlanRecord>().Where(p => p.Year == month.Year && p.Month == month.Month).Select(p => p.Id).FirstAsync();
    }

    private async Task<int> RemindAsync(DateOnly date)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<OperationRemindersJob>().RunAsync(date, CancellationToken.None);
    }
}
