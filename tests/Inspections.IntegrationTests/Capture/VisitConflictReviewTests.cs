using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Identifiers;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Identity;
using Npgsql;
using Xunit;
using ItemOutcome = Inspections.Capture.Contracts.ItemOutcome;
using SignerRole = Inspections.Capture.Contracts.SignerRole;
using VisitKind = Inspections.Capture.Contracts.VisitKind;

namespace Inspections.IntegrationTests.Capture;

/// <summary>
/// Review of conflicting submissions (issue 5): the same visit id with different content is answered 409 and kept; the
/// lead of the visit's street sees both versions and their differences and resolves it once (If-Match, audited); a
/// foreign street's lead does not see it; auditors read only.
/// </summary>
public sealed class VisitConflictReviewTests(CaptureWebFactory app) : IClassFixture<CaptureWebFactory>
{
    private const string LeadA = "conf-lead-a";
    private const string Auditor = "conf-auditor";
    private static readonly JsonSerializerOptions Json = CaptureSyncTests.Json;

    // ---- helpers -------------------------------------------------------------------------------------------------

    /// <summary>Submits a visit, then the same id with the first item passed (no note, no photo) and other findings: 409.</summary>
    private async Task<(Guid VisitId, VisitSubmission Stored, Guid ConflictId)> ConflictAsync()
    {
        var officer = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var stored = await CaptureSyncTests.ValidAsync(app, officer);
        var visitId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await officer.PutAsJsonAsync($"/api/capture/visits/{visitId}", stored, Json)).StatusCode);
        var first = stored.Items[0];
        var changed = stored with
        {
            Items = [first with { Outcome = ItemOutcome.Pass, Note = null, Photos = [] }, .. stored.Items.Skip(1)],
            FindingsText = "检查未发现问题。",
        };
        var r = await officer.PutAsJsonAsync($"/api/capture/visits/{visitId}", changed, Json);
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var conflictId = await ScalarAsync<Guid>("SELECT id FROM visit_conflicts WHERE visit_id = @p0", visitId);
        return (visitId, stored, conflictId);
    }

    private Task<T> ScalarAsync<T>(string sql, params object[] args) => app.Database.ScalarAsync<T>(sql, args);

    private Task<HttpClient> LeadAAsync() => app.UserClientAsync(LeadA, AppRoles.EnforcementLead, app.StreetA.Id);

    private static Task<HttpResponseMessage> ResolveAsync(HttpClient client, Guid id, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/capture/conflicts/{id}/resolve") { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    // ---- tests ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_conflict_is_listed_for_the_lead_of_the_visits_street_with_its_differences_and_hidden_from_a_foreign_lead()
    {
        var (visitId, stored, conflictId) = await ConflictAsync();
        var lead = await LeadAAsync();

        var page = (await lead.GetFromJsonAsync<VisitConflictPage>("/api/capture/conflicts?status=open", Json))!;
        var row = Assert.Single(page.Items, c => c.Id == conflictId);
        Assert.Equal(visitId, row.VisitId);
        Assert.Equal(app.VenueA.Name, row.VenueName);
        Assert.Equal(CaptureWebFactory.OfficerA, row.SubmittedBy);
        Assert.Equal(new[] { app.TeamA[0].Name, app.TeamA[1].Name }.Order(), row.Officers.Order());
        Assert.Null(row.ResolvedAt);
        Assert.DoesNotContain((await lead.GetFromJsonAsync<VisitConflictPage>("/api/capture/conflicts?status=resolved", Json))!.Items, c => c.Id == conflictId);

        var r = await lead.GetAsync($"/api/capture/conflicts/{conflictId}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.NotNull(r.Headers.ETag);
        var d = (await r.Content.ReadFromJsonAsync<VisitConflictDetails>(Json))!;
        Assert.Equal(stored.FindingsText, d.Stored.FindingsText);
        Assert.Equal("检查未发现问题。", d.Rejected.FindingsText);
        // ID numbers masked in both versions.
        Assert.Equal(ResidentId.Mask("11010519491231002X"), d.Stored.PersonPresent.IdNumber);
        Assert.Equal(ResidentId.Mask("11010519491231002X"), d.Rejected.PersonPresent.IdNumber);
        Assert.DoesNotContain("19491231", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var code = stored.Items[0].Code;
        var outcome = Assert.Single(d.Differences, x => x.Path == $"items[{code}].outcome");
        Assert.Equal(("Item", code, "Fail", "Pass"), (outcome.Section, outcome.Key, outcome.Stored, outcome.Rejected));
        Assert.False(string.IsNullOrEmpty(outcome.Label));
        Assert.Contains(d.Differences, x => x.Path == $"items[{code}].note" && x.Stored == "入口处未见禁入标志。" && x.Rejected is null);
        Assert.Contains(d.Differences, x => x.Path == $"items[{code}].photos" && x.Rejected == "0");
        Assert.Contains(d.Differences, x => x.Path == "findingsText");
        // Nothing else differs: unchanged items, check-in, person present, signatures are not reported.
        Assert.Equal(4, d.Differences.Count);

        // Street B's lead: not listed, not found, cannot resolve.
        var foreign = await app.ClientForAsync(CaptureWebFactory.LeadB);
        Assert.DoesNotContain((await foreign.GetFromJsonAsync<VisitConflictPage>("/api/capture/conflicts", Json))!.Items, c => c.Id == conflictId);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/capture/conflicts/{conflictId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ResolveAsync(foreign, conflictId, new { decision = "KeepStored", note = "x" }, r.Headers.ETag!.Tag)).StatusCode);

        var bad = await lead.GetAsync("/api/capture/conflicts?status=everything&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await BodyAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("page", out _));
    }

    [Fact]
    public async Task Resolving_needs_a_note_and_the_current_version_is_audited_and_happens_once()
    {
        var (visitId, stored, conflictId) = await ConflictAsync();
        var lead = await LeadAAsync();
        var read = await lead.GetAsync($"/api/capture/conflicts/{conflictId}");
        var etag = read.Headers.ETag!.Tag;

        // 400 with field errors: no note, an overlong note, a decision that would replace the record.
        var r = await ResolveAsync(lead, conflictId, new { decision = "KeepStored" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await BodyAsync(r)).GetProperty("errors").TryGetProperty("note", out _));
        r = await ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = "   " }, etag);
        Assert.True((await BodyAsync(r)).GetProperty("errors").TryGetProperty("note", out _));
        r = await ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = new string('说', 1001) }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        r = await ResolveAsync(lead, conflictId, new { decision = "ReplaceWithRejected", note = "替换" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("new visit", (await BodyAsync(r)).GetProperty("errors").GetProperty("decision")[0].GetString());

        // 428 without If-Match, 412 with a stale one; nothing written.
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = "ok" }, null)).StatusCode);
        var stale = await ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = "ok" }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(etag, (await BodyAsync(stale)).GetProperty("currentETag").GetString());

        // An auditor reads but may not resolve.
        var auditor = await app.UserClientAsync(Auditor, AppRoles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/capture/conflicts/{conflictId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ResolveAsync(auditor, conflictId, new { decision = "KeepStored", note = "ok" }, etag)).StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visit_conflicts WHERE id = @p0 AND resolved_at IS NOT NULL", conflictId));

        // Resolve.
        r = await ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = "  平板重复提交了修改后的记录，以首次提交为准。  " }, etag);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var done = (await r.Content.ReadFromJsonAsync<VisitConflictDetails>(Json))!;
        Assert.Equal(ConflictDecision.KeepStored, done.Decision);
        Assert.Equal(LeadA, done.ResolvedBy);
        Assert.Equal("平板重复提交了修改后的记录，以首次提交为准。", done.Note);
        Assert.NotNull(done.ResolvedAt);
        Assert.NotEqual(etag, r.Headers.ETag!.Tag);

        // Audited as an update of the conflict, by the lead, with the decision and note.
        var audit = await ScalarAsync<string>(
            "SELECT user_name || '|' || action || '|' || after::text FROM audit_log WHERE entity_type = 'VisitConflict' AND entity_id = @p0", conflictId.ToString());
        Assert.StartsWith($"{LeadA}|{AuditActions.Updated}|", audit);
        Assert.Contains("KeepStored", audit);
        Assert.Contains("以首次提交为准", audit);

        // The stored visit is untouched.
        var (storedHash, _) = SubmissionCanonical.Hash(SubmissionCanonical.Normalize(stored));
        Assert.Equal(storedHash, await ScalarAsync<string>("SELECT content_sha256 FROM visits WHERE id = @p0", visitId));

        // Once: a second resolution is 409 with the current ETag or the old one.
        var again = await ResolveAsync(lead, conflictId, new { decision = "Dismissed", note = "再次处理" }, r.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("conflict-already-resolved", (await BodyAsync(again)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ResolveAsync(lead, conflictId, new { decision = "Dismissed", note = "再次处理" }, etag)).StatusCode);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type = 'VisitConflict' AND entity_id = @p0", conflictId.ToString()));

        // Lists move it from open to resolved.
        Assert.DoesNotContain((await lead.GetFromJsonAsync<VisitConflictPage>("/api/capture/conflicts", Json))!.Items, c => c.Id == conflictId);
        var resolved = Assert.Single((await lead.GetFromJsonAsync<VisitConflictPage>("/api/capture/conflicts?status=resolved", Json))!.Items, c => c.Id == conflictId);
        Assert.Equal(ConflictDecision.KeepStored, resolved.Decision);
    }

    [Fact]
    public async Task Two_reviewers_resolving_at_once_one_wins_the_other_is_told()
    {
        var (_, _, conflictId) = await ConflictAsync();
        var lead = await LeadAAsync();
        var admin = await app.ClientForAsync(CaptureWebFactory.Admin);
        var etag = (await lead.GetAsync($"/api/capture/conflicts/{conflictId}")).Headers.ETag!.Tag;

        var answers = await Task.WhenAll(
            ResolveAsync(lead, conflictId, new { decision = "KeepStored", note = "组长处理" }, etag),
            ResolveAsync(admin, conflictId, new { decision = "Dismissed", note = "管理员处理" }, etag));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type = 'VisitConflict' AND entity_id = @p0", conflictId.ToString()));
    }

    [Fact]
    public void The_difference_covers_check_in_person_present_comments_and_signatures()
    {
        var item = new ItemResult(Guid.NewGuid(), "BAR-01", ItemOutcome.Pass, null, []);
        var at = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var a = new VisitSubmission(Guid.NewGuid(), null, VisitKind.AdHoc, null, [Guid.NewGuid(), Guid.NewGuid()], Guid.NewGuid(), 1,
            new CheckIn(at, 39.9, 116.4, 10, null), new PersonPresent("王丽", "店长", null, "13800000000"), true, true, [item], [],
            "无问题", null, false, null, [new SignatureRef(SignerRole.Party, "王丽", new string('a', 64))], at, at);
        Assert.Empty(VisitConflictDiff.Compare(a, a));

        var b = a with
        {
            CheckIn = a.CheckIn with { At = at.AddMinutes(5) },
            PersonPresent = a.PersonPresent with { Name = "李强" },
            PartyComments = "不同意",
            Items = [item, new ItemResult(Guid.NewGuid(), "BAR-02", ItemOutcome.Fail, "新增", [])],
            Signatures = [new SignatureRef(SignerRole.Party, "李强", new string('b', 64)), new SignatureRef(SignerRole.Witness, "张三", new string('c', 64))],
        };
        var d = VisitConflictDiff.Compare(a, b).ToDictionary(x => x.Path);

        Assert.Equal(("2026-11-23 10:00:00", "2026-11-23 10:05:00"), (d["checkIn.at"].Stored, d["checkIn.at"].Rejected));
        Assert.Equal(("王丽", "李强"), (d["personPresent.name"].Stored, d["personPresent.name"].Rejected));
        Assert.Equal((null, "不同意"), (d["partyComments"].Stored, d["partyComments"].Rejected));
        Assert.Equal((null, "Fail"), (d["items[BAR-02].presence"].Stored, d["items[BAR-02].presence"].Rejected));
        Assert.True(d.ContainsKey("signatures[Party].name"));
        Assert.True(d.ContainsKey("signatures[Party].sha256"));
        Assert.Null(d["signatures[Witness].presence"].Stored);
        Assert.Equal(7, d.Count);
    }
}
