using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Common;
using Inspections.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Inspections.IntegrationTests.Capture;

public sealed class CaptureSyncTests(CaptureWebFactory app) : IClassFixture<CaptureWebFactory>
{
    private const string PartyId = "11010519491231002X";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static byte[] Png(int width = 640, int height = 480)
    {
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
            (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 6, 0, 0, 0];
        return [.. header, .. RandomNumberGenerator.GetBytes(64)];
    }

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    private static async Task<string> UploadAsync(HttpClient client, byte[]? bytes = null)
    {
        bytes ??= Png();
        var sha = Sha(bytes);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var r = await client.PutAsync($"/api/capture/photos/{sha}", content);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return sha;
    }

    private static async Task<ChecklistPackDto> PackAsync(HttpClient client, VenueType type)
    {
        var boot = await client.GetFromJsonAsync<CaptureBootstrap>("/api/capture/bootstrap", Json);
        return boot!.Packs.Single(p => p.VenueType == type.ToString());
    }

    private Task<VisitSubmission> ValidAsync(HttpClient client, Venue? venue = null, bool upload = true, ChecklistPackDto? pack = null) =>
        ValidAsync(app, client, venue, upload, pack);

    /// <summary>
    /// A complete, valid submission by officer A's joint team (market supervision + police) at venue A (or
    /// <paramref name="venue"/>): the first item failed with a note and a photo, three signatures.
    /// </summary>
    internal static async Task<VisitSubmission> ValidAsync(CaptureWebFactory app, HttpClient client, Venue? venue = null, bool upload = true, ChecklistPackDto? pack = null)
    {
        venue ??= app.VenueA;
        pack ??= await PackAsync(client, venue.Type);
        var kinds = new[] { "MarketSupervision", "Police" };
        var photo = upload ? await UploadAsync(client) : Sha(Png());
        var items = pack.Items.Where(i => kinds.Contains(i.DepartmentKind))
            .Select((i, n) => new ItemResult(i.Id, i.Code, n == 0 ? ItemOutcome.Fail : ItemOutcome.Pass, n == 0 ? "入口处未见禁入标志。" : null, n == 0 ? [photo] : []))
            .ToList();
        var now = DateTimeOffset.UtcNow;
        return new VisitSubmission(
            venue.Id, null, VisitKind.AdHoc, null, [app.TeamA[0].Id, app.TeamA[1].Id], pack.Id, pack.Version,
            new CheckIn(now.AddMinutes(-30), venue.Location.Y + 0.0003, venue.Location.X, 12, null),
            new PersonPresent("王丽", "店长", PartyId, "13826510042"),
            true, true, items, [],
            "检查时场所内有顾客12名。", "无异议。", false, null,
            [
                new SignatureRef(SignerRole.Officer1, "执法员甲", upload ? await UploadAsync(client) : Sha(Png())),
                new SignatureRef(SignerRole.Officer2, "执法员乙", upload ? await UploadAsync(client) : Sha(Png())),
                new SignatureRef(SignerRole.Party, "王丽", upload ? await UploadAsync(client) : Sha(Png())),
            ],
            now.AddMinutes(-31), now);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, VisitSubmission s) =>
        client.PutAsJsonAsync($"/api/capture/visits/{id}", s, Json);

    private Task<T> ScalarAsync<T>(string sql, params object[] args) => app.Database.ScalarAsync<T>(sql, args);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    // ---- packs ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Packs_are_loaded_for_every_venue_type_once()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var boot = await client.GetFromJsonAsync<CaptureBootstrap>("/api/capture/bootstrap", Json);
        Assert.Equal(Enum.GetNames<VenueType>().Order(), boot!.Packs.Select(p => p.VenueType).Order());
        var hotel = boot.Packs.Single(p => p.VenueType == "Hotel");
        Assert.Equal(["HOTEL-01", "HOTEL-02", "HOTEL-03", "HOTEL-04", "HOTEL-05"], hotel.Items.Select(i => i.Code).Where(c => c.StartsWith("HOTEL-", StringComparison.Ordinal) && string.CompareOrdinal(c, "HOTEL-06") < 0));
        Assert.All(boot.Packs.SelectMany(p => p.Items), i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.TextZh));
            Assert.False(string.IsNullOrWhiteSpace(i.TextEn));
            Assert.False(string.IsNullOrWhiteSpace(i.LegalBasis));
        });
        Assert.Contains(boot.Packs.Single(p => p.VenueType == "InternetCafe").Items, i => i.Code == "ANY-01" && i.PenaltyRangeZh!.Contains("十万元"));
        Assert.Equal(200, boot.Settings.CheckInWarningMetres);
        Assert.Equal(app.TeamA[0].Id, boot.User.OfficerId);
        Assert.Equal("MarketSupervision", boot.User.DepartmentKind);
        Assert.DoesNotContain(boot.Officers, o => o.Id == app.TeamB[0].Id);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ChecklistPacks>().SeedAsync(CancellationToken.None));
        Assert.Equal(11L, await ScalarAsync<long>("SELECT count(*) FROM checklist_packs WHERE version = 1"));
    }

    [Fact]
    public async Task Editing_a_pack_creates_a_new_version_and_old_visits_keep_theirs()
    {
        var admin = await app.ClientForAsync(CaptureWebFactory.Admin);
        var officer = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var v1 = (await admin.GetFromJsonAsync<List<ChecklistPackDto>>("/api/capture/packs?venueType=Bar", Json))!.Single();

        // A visit made with version 1.
        var old = await ValidAsync(officer, pack: v1);
        var oldId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(officer, oldId, old)).StatusCode);

        var items = v1.Items.Select(i => new ChecklistItemFile(i.Code, i.SortOrder, i.TextZh, i.TextEn, i.DepartmentKind, i.LegalBasis, i.PenaltyBasis,
            i.PenaltyRangeZh, i.Severity, i.DefaultDeadlineDays, i.RequirementZh)).ToList();
        items[0] = items[0] with { TextZh = items[0].TextZh + "（含电子烟）" };
        items.Add(new ChecklistItemFile("BAR-99", 999, "营业场所内未发现未成年人饮酒", "No minors drinking on the premises", "Police",
            "《未成年人保护法》第五十九条", null, null, "Major", 3, null));
        var r = await admin.PutAsJsonAsync("/api/capture/packs/Bar", new { basedOnVersion = 1, titleZh = v1.TitleZh, titleEn = v1.TitleEn, items }, Json);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var v2 = (await r.Content.ReadFromJsonAsync<ChecklistPackDto>(Json))!;
        Assert.Equal(2, v2.Version);
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Contains(v2.Items, i => i.Code == "BAR-99");

        // The same edit again is stale.
        var stale = await admin.PutAsJsonAsync("/api/capture/packs/Bar", new { basedOnVersion = 1, titleZh = "x", titleEn = "x", items }, Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var bad = await admin.PutAsJsonAsync("/api/capture/packs/Bar",
            new { basedOnVersion = 2, titleZh = "x", titleEn = "x", items = new[] { items[0] with { DepartmentKind = "Army" } } }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // Tablets now get version 2; the old visit still shows its version-1 items and text.
        Assert.Equal(2, (await PackAsync(officer, VenueType.Bar)).Version);
        var details = await officer.GetFromJsonAsync<VisitDetails>($"/api/capture/visits/{oldId}", Json);
        Assert.Equal(1, details!.PackVersion);
        Assert.Equal(v1.Id, details.PackId);
        Assert.All(details.Items, i => Assert.Contains(v1.Items, x => x.Id == i.ItemId));
        Assert.Equal(v1.Items.Single(i => i.Code == items[0].Code).TextZh, details.Items.Single(i => i.Code == items[0].Code).TextZh);

        // A submission against version 2 must answer the new item too.
        var s2 = await ValidAsync(officer, pack: v2);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(officer, Guid.NewGuid(), s2)).StatusCode);
        var missing = s2 with { Items = [.. s2.Items.Where(i => i.Code != "BAR-99")] };
        var r2 = await PutAsync(officer, Guid.NewGuid(), missing);
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
        Assert.Contains("BAR-99", (await ProblemAsync(r2)).GetProperty("errors").GetProperty("items")[0].GetString());
    }

    // ---- submission rules ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Items_must_cover_the_departments_present_and_belong_to_the_pack()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var police = s.Items.First(i => i.Code == "BAR-03");
        var r = await PutAsync(client, Guid.NewGuid(), s with { Items = [.. s.Items.Where(i => i != police)] });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("BAR-03", (await ProblemAsync(r)).GetProperty("errors").GetProperty("items")[0].GetString());

        var foreignItem = (await PackAsync(client, VenueType.Hotel)).Items[0];
        r = await PutAsync(client, Guid.NewGuid(), s with { Items = [.. s.Items, new ItemResult(foreignItem.Id, foreignItem.Code, ItemOutcome.Pass, null, [])] });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);

        // Only the market officer: the police items are not required (and not allowed).
        var onlyOne = s with { OfficerIds = [app.TeamA[0].Id] };
        r = await PutAsync(client, Guid.NewGuid(), onlyOne);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await ProblemAsync(r)).GetProperty("errors").TryGetProperty("officerIds", out _));

        // Record rules: IDs shown, recusal offered, signatures of both officers and the party (or witness on refusal).
        r = await PutAsync(client, Guid.NewGuid(), s with { EnforcementIdsShown = false, RecusalOffered = false, Signatures = [.. s.Signatures.Where(x => x.Role != SignerRole.Officer2)] });
        var errors = (await ProblemAsync(r)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("enforcementIdsShown", out _));
        Assert.True(errors.TryGetProperty("recusalOffered", out _));
        Assert.True(errors.TryGetProperty("signatures", out _));
        r = await PutAsync(client, Guid.NewGuid(), s with { PartyRefusedToSign = true, Signatures = [.. s.Signatures.Where(x => x.Role != SignerRole.Party)] });
        Assert.True((await ProblemAsync(r)).GetProperty("errors").TryGetProperty("witnessName", out _));
        var witness = await UploadAsync(client);
        r = await PutAsync(client, Guid.NewGuid(), s with
        {
            PartyRefusedToSign = true, WitnessName = "李四",
            Signatures = [.. s.Signatures.Where(x => x.Role != SignerRole.Party), new SignatureRef(SignerRole.Witness, "李四", witness)],
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);

        r = await PutAsync(client, Guid.NewGuid(), s with { PersonPresent = s.PersonPresent with { IdNumber = "110105194912310021" } });
        Assert.True((await ProblemAsync(r)).GetProperty("errors").TryGetProperty("personPresent.idNumber", out _));
    }

    [Fact]
    public async Task Check_in_farther_than_the_limit_needs_a_reason()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var far = s with { CheckIn = s.CheckIn with { Latitude = app.VenueA.Location.Y + 0.005 } }; // ≈ 555 m north
        var r = await PutAsync(client, Guid.NewGuid(), far);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var problem = await ProblemAsync(r);
        Assert.Equal("checkin-distance", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("checkIn.distanceAckReason", out _));

        var id = Guid.NewGuid();
        r = await PutAsync(client, id, far with { CheckIn = far.CheckIn with { DistanceAckReason = "定位漂移，场所在商场地下一层" } });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var distance = await ScalarAsync<double>("SELECT checkin_distance_m FROM visits WHERE id = @p0", id);
        Assert.InRange(distance, 540, 570);

        // Near: accepted without a reason, distance recomputed by the server (≈ 33 m).
        id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s)).StatusCode);
        Assert.InRange(await ScalarAsync<double>("SELECT checkin_distance_m FROM visits WHERE id = @p0", id), 25, 40);
    }

    // ---- idempotency ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Same_content_again_is_a_duplicate_and_different_content_a_conflict_with_both_kept()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var id = Guid.NewGuid();
        var first = await PutAsync(client, id, s);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = (await first.Content.ReadFromJsonAsync<VisitReceipt>(Json))!;
        Assert.False(receipt.Duplicate);

        // The same content, other time-zone spelling: 200, same receipt.
        var again = await PutAsync(client, id, s with { DeviceSubmittedAt = s.DeviceSubmittedAt.ToOffset(TimeSpan.FromHours(8)) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt2 = (await again.Content.ReadFromJsonAsync<VisitReceipt>(Json))!;
        Assert.True(receipt2.Duplicate);
        Assert.Equal(receipt.ContentSha256, receipt2.ContentSha256);
        Assert.Equal(receipt.ServerReceivedAt, receipt2.ServerReceivedAt);
        Assert.Equal(receipt.NoticeIds, receipt2.NoticeIds);

        var changed = s with { FindingsText = "检查时场所内有顾客13名。" };
        var conflict = await PutAsync(client, id, changed);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await ProblemAsync(conflict);
        Assert.Equal(receipt.ContentSha256, problem.GetProperty("storedSha256").GetString());
        var rejected = problem.GetProperty("rejectedSha256").GetString();
        Assert.NotEqual(receipt.ContentSha256, rejected);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(client, id, changed)).StatusCode);

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", id));
        Assert.Equal("检查时场所内有顾客12名。", await ScalarAsync<string>("SELECT findings_text FROM visits WHERE id = @p0", id));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM visit_conflicts WHERE visit_id = @p0", id));
        Assert.Equal("检查时场所内有顾客13名。", await ScalarAsync<string>("SELECT rejected_content ->> 'findingsText' FROM visit_conflicts WHERE visit_id = @p0", id));
        Assert.Equal("检查时场所内有顾客12名。", await ScalarAsync<string>("SELECT stored_content ->> 'findingsText' FROM visit_conflicts WHERE visit_id = @p0", id));
        Assert.Equal(rejected, await ScalarAsync<string>("SELECT rejected_sha256 FROM visit_conflicts WHERE visit_id = @p0", id));
    }

    [Fact]
    public async Task Concurrent_identical_submissions_make_exactly_one_visit()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        for (var round = 0; round < 3; round++)
        {
            var s = await ValidAsync(client);
            var id = Guid.NewGuid();
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PutAsync(client, id, s)));
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", id));
            Assert.Equal((long)s.Items.Count, await ScalarAsync<long>("SELECT count(*) FROM visit_items WHERE visit_id = @p0", id));
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type = 'Visit' AND entity_id = @p0", id.ToString()));
        }
    }

    [Fact]
    public async Task A_visit_is_audited_as_one_entry_with_its_content_hash_and_child_counts()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s)).StatusCode);
        const string After = "SELECT after ->> @p1 FROM audit_log WHERE entity_type = 'Visit' AND entity_id = @p0";
        Assert.Equal(await ScalarAsync<string>("SELECT content_sha256 FROM visits WHERE id = @p0", id), await ScalarAsync<string>(After, id.ToString(), "contentSha256"));
        Assert.Equal(s.Items.Count.ToString(CultureInfo.InvariantCulture), await ScalarAsync<string>(After, id.ToString(), "itemsCount"));
        Assert.Equal((await ScalarAsync<long>("SELECT count(*) FROM visit_photos WHERE visit_id = @p0", id)).ToString(CultureInfo.InvariantCulture),
            await ScalarAsync<string>(After, id.ToString(), "photosCount"));
        Assert.Equal(s.Signatures.Count.ToString(CultureInfo.InvariantCulture), await ScalarAsync<string>(After, id.ToString(), "signaturesCount"));
        // The children are part of that entry (IAuditedThroughAggregate): no entry of their own.
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type IN ('VisitItem', 'VisitPhoto', 'VisitSignature')"));
    }

    // ---- group commit (ADR 21) -------------------------------------------------------------------------------------

    /// <summary>A host on the same database with other settings or services (its own sign-in).</summary>
    private async Task<(WebApplicationFactory<Program> Host, HttpClient Client)> HostAsync(Action<IWebHostBuilder> configure)
    {
        var host = app.WithWebHostBuilder(configure);
        var client = InspectionsWebFactory.CreateAnonymousClient(host);
        await TestAccounts.SignInAsync(client, CaptureWebFactory.OfficerA);
        return (host, client);
    }

    [Fact]
    public async Task Group_commit_stores_the_same_rows_and_audit_entry_as_a_single_ef_core_write()
    {
        var batched = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var (host, single) = await HostAsync(b => b.UseSetting("Capture:GroupCommit", "false"));
        await using var _ = host;
        var s = await ValidAsync(batched);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(batched, a, s)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(single, b, s)).StatusCode);

        // Every column of every row, but the ids and the server's receipt times; the drafted notices and their audit entries
        // too (the batch stages them from reference data read before queueing, the single write saves them inside its
        // transaction).
        async Task<string> RowsAsync(Guid id) => await ScalarAsync<string>("""
            SELECT jsonb_build_array(
              (SELECT to_jsonb(v) - 'id' - 'server_received_at' - 'submitted_at' FROM visits v WHERE v.id = @p0),
              (SELECT jsonb_agg(to_jsonb(i) - 'visit_id' ORDER BY i.item_code) FROM visit_items i WHERE i.visit_id = @p0),
              (SELECT jsonb_agg(to_jsonb(p) - 'visit_id' - 'id' ORDER BY p.sha256, p.item_code) FROM visit_photos p WHERE p.visit_id = @p0),
              (SELECT jsonb_agg(to_jsonb(g) - 'visit_id' ORDER BY g.signer) FROM visit_signatures g WHERE g.visit_id = @p0),
              (SELECT jsonb_agg(jsonb_build_object('user', a.user_name, 'action', a.action, 'before', a.before,
                      'after', a.after - 'id' - 'serverReceivedAt' - 'submittedAt') ORDER BY a.seq) FROM audit_log a WHERE a.entity_type = 'Visit' AND a.entity_id = @p0::text),
              (SELECT jsonb_agg(to_jsonb(n) - 'id' - 'visit_id' - 'created_at' - 'updated_at' - 'verification_token' ORDER BY n.department_kind)
                 FROM rectification_notices n WHERE n.visit_id = @p0),
              (SELECT jsonb_agg(to_jsonb(ni) - 'id' - 'notice_id' - 'created_at' - 'updated_at' ORDER BY ni.item_code)
                 FROM rectification_notice_items ni JOIN rectification_notices n ON n.id = ni.notice_id WHERE n.visit_id = @p0),
              (SELECT jsonb_agg(jsonb_build_object('user', a.user_name, 'action', a.action, 'type', a.entity_type, 'before', a.before,
                      'after', a.after - 'id' - 'visitId' - 'noticeId' - 'createdAt' - 'updatedAt' - 'verificationToken')
                      ORDER BY a.entity_type, a.after ->> 'departmentKind', a.after ->> 'itemCode')
                 FROM audit_log a WHERE a.entity_id IN (
                   SELECT n.id::text FROM rectification_notices n WHERE n.visit_id = @p0
                   UNION ALL SELECT ni.id::text FROM rectification_notice_items ni JOIN rectification_notices n ON n.id = ni.notice_id WHERE n.visit_id = @p0)))::text
            """, id);
        var (rowsA, rowsB) = (await RowsAsync(a), await RowsAsync(b));
        Assert.Contains("\"itemsCount\"", rowsA, StringComparison.Ordinal);
        Assert.Contains("\"RectificationNoticeItem\"", rowsA, StringComparison.Ordinal);
        Assert.Equal(rowsB, rowsA);
        Assert.NotEqual(0L, await ScalarAsync<long>("SELECT count(*) FROM rectification_notices WHERE visit_id = @p0", a));
    }

    [Fact]
    public async Task Concurrent_visits_are_committed_in_shared_transactions_each_exactly_once()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var sharedSeen = false;
        for (var round = 0; round < 3 && !sharedSeen; round++)
        {
            var ids = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToArray();
            var responses = await Task.WhenAll(ids.Select(id => PutAsync(client, id, s)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var receipts = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<VisitReceipt>(Json)));
            // The failed item drafted its notice inside the batch and the receipt names it.
            Assert.All(receipts, r => Assert.Single(r!.NoticeIds));
            Assert.Equal(24L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = ANY(@p0)", ids));
            Assert.Equal(24L * s.Items.Count, await ScalarAsync<long>("SELECT count(*) FROM visit_items WHERE visit_id = ANY(@p0)", ids));
            Assert.Equal(24L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type = 'Visit' AND entity_id = ANY(@p0)",
                (object)ids.Select(i => i.ToString()).ToArray()));
            Assert.Equal(24L, await ScalarAsync<long>("SELECT count(*) FROM rectification_notices WHERE visit_id = ANY(@p0)", ids));
            // Rows written by one transaction share its xmin: fewer transactions than visits means they were batched.
            sharedSeen = await ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM visits WHERE id = ANY(@p0)", ids) < 24;
        }
        Assert.True(sharedSeen, "24 concurrent submissions never shared a transaction in three rounds");
    }

    private sealed class PoisonHandler(Guid poisoned) : IVisitSubmittedHandler
    {
        public bool AppliesTo(Domain.Capture.Visit visit) => visit.Id == poisoned;

        public Task OnVisitSubmittedAsync(Guid visitId, Infrastructure.Persistence.InspectionsDbContext db, CancellationToken ct) =>
            visitId == poisoned ? throw new InvalidOperationException("poisoned") : Task.CompletedTask;
    }

    [Fact]
    public async Task A_visit_that_fails_inside_a_batch_fails_alone_and_the_others_are_stored()
    {
        var poisoned = Guid.NewGuid();
        var (host, client) = await HostAsync(b => b.ConfigureServices(x => x.AddScoped<IVisitSubmittedHandler>(_ => new PoisonHandler(poisoned))));
        await using var _ = host;
        var s = await ValidAsync(client);
        var ids = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).Append(poisoned).ToArray();
        var responses = await Task.WhenAll(ids.Select(id => PutAsync(client, id, s)));
        for (var n = 0; n < ids.Length; n++)
        {
            Assert.Equal(ids[n] == poisoned ? HttpStatusCode.InternalServerError : HttpStatusCode.Created, responses[n].StatusCode);
        }
        Assert.Equal(15L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = ANY(@p0)", ids));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", poisoned));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visit_items WHERE visit_id = @p0", poisoned));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_id = @p0", poisoned.ToString()));
        Assert.Equal(15L, await ScalarAsync<long>("SELECT count(*) FROM rectification_notices WHERE visit_id = ANY(@p0)", ids));
    }

    [Fact]
    public async Task Old_uploads_no_visit_references_are_cleaned_up_but_never_one_a_writer_holds()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, Guid.NewGuid(), s)).StatusCode);
        var used = s.Signatures[0].Sha256;                  // referenced by the visit
        var (orphan, held, fresh) = (await UploadAsync(client), await UploadAsync(client), await UploadAsync(client));
        foreach (var sha in new[] { used, orphan, held })
        {
            await app.Database.ScalarAsync<int>("UPDATE capture_blobs SET uploaded_at = now() - interval '40 days' WHERE sha256 = @p0 RETURNING 1", sha);
        }
        string FileOf(string sha) => Directory.EnumerateFiles(Path.Combine(app.PhotoRoot, sha[..2]), sha + ".*").SingleOrDefault() ?? string.Empty;
        Assert.All(new[] { used, orphan, held, fresh }, sha => Assert.True(File.Exists(FileOf(sha))));

        async Task<int> CleanAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<OrphanUploadCleanupJob>().RunOnceAsync(CancellationToken.None);
        }

        // A writer between its check and its commit holds the row (as the sync does): the clean-up skips it.
        await using (var writer = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await writer.OpenAsync();
            await using var tx = await writer.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand("SELECT sha256 FROM capture_blobs WHERE sha256 = @s FOR KEY SHARE", writer, tx))
            {
                hold.Parameters.AddWithValue("s", held);
                Assert.Equal(held, (string?)await hold.ExecuteScalarAsync());
            }
            Assert.Equal(1, await CleanAsync());
            await tx.CommitAsync();
        }
        long Rows(string sha) => app.Database.ScalarAsync<long>("SELECT count(*) FROM capture_blobs WHERE sha256 = @p0", sha).GetAwaiter().GetResult();
        Assert.Equal((0L, false), (Rows(orphan), File.Exists(FileOf(orphan))));
        Assert.Equal((1L, true), (Rows(held), File.Exists(FileOf(held))));
        Assert.Equal((1L, true), (Rows(used), File.Exists(FileOf(used))));
        Assert.Equal((1L, true), (Rows(fresh), File.Exists(FileOf(fresh))));

        // Released, the held orphan goes on the next run; the referenced and the recent ones stay.
        Assert.Equal(1, await CleanAsync());
        Assert.Equal((0L, false), (Rows(held), File.Exists(FileOf(held))));
        Assert.Equal((1L, true), (Rows(used), File.Exists(FileOf(used))));
        Assert.Equal(0, await CleanAsync());

        // A cleaned-up photo named by a new visit is asked for again (422).
        var again = s with { Signatures = [s.Signatures[0], s.Signatures[1], s.Signatures[2] with { Sha256 = orphan }] };
        var r = await PutAsync(client, Guid.NewGuid(), again);
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        Assert.Contains(orphan, await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_cleaned_up_between_validation_and_write_is_asked_for_again_not_stored_as_a_dangling_reference()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var victim = s.Signatures[2].Sha256;
        var id = Guid.NewGuid();
        // The clean-up has locked the row (FOR UPDATE) when the submission arrives: validation still reads it, the
        // writer's FOR KEY SHARE waits; the clean-up deletes it and commits; the writer must then see it gone.
        await using var cleanup = new NpgsqlConnection(app.Database.ConnectionString);
        await cleanup.OpenAsync();
        await using var tx = await cleanup.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT sha256 FROM capture_blobs WHERE sha256 = @s FOR UPDATE", cleanup, tx))
        {
            take.Parameters.AddWithValue("s", victim);
            Assert.Equal(victim, (string?)await take.ExecuteScalarAsync());
        }
        var put = PutAsync(client, id, s);
        var waited = Stopwatch.StartNew();
        while (await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the submission never waited for the locked upload");
            Assert.False(put.IsCompleted, "the submission did not wait for the locked upload");
            await Task.Delay(50);
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM capture_blobs WHERE sha256 = @s", cleanup, tx))
        {
            delete.Parameters.AddWithValue("s", victim);
            await delete.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        var r = await put;
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        Assert.Contains(victim, await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", id));
        // Uploaded again, the same submission is stored.
        var signature = await UploadAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s with { Signatures = [s.Signatures[0], s.Signatures[1], s.Signatures[2] with { Sha256 = signature }] })).StatusCode);
    }

    // ---- photos --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Missing_photos_are_listed_with_422_and_accepted_after_upload()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client, upload: false);
        var id = Guid.NewGuid();
        var r = await PutAsync(client, id, s);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var problem = await ProblemAsync(r);
        Assert.Equal("missing-photos", problem.GetProperty("code").GetString());
        var listed = problem.GetProperty("missingPhotos").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var expected = s.Items.SelectMany(i => i.Photos).Concat(s.Signatures.Select(x => x.Sha256)).ToHashSet();
        Assert.Equal(expected, listed);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", id));
    }

    [Fact]
    public async Task A_stored_upload_whose_file_is_gone_is_missing_until_uploaded_again()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var sha = s.Signatures[0].Sha256;
        var file = Directory.EnumerateFiles(Path.Combine(app.PhotoRoot, sha[..2]), sha + ".*").Single();
        var bytes = await File.ReadAllBytesAsync(file);
        File.Delete(file);
        var id = Guid.NewGuid();

        var r = await PutAsync(client, id, s);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Equal([sha], (await ProblemAsync(r)).GetProperty("missingPhotos").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", id));

        Assert.Equal(sha, await UploadAsync(client, bytes));
        Assert.True(File.Exists(file));
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s)).StatusCode);
    }

    [Fact]
    public async Task Photo_upload_checks_hash_type_and_reads_the_size()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var bytes = Png(1600, 1200);
        using (var c = new ByteArrayContent(bytes))
        {
            var wrong = await client.PutAsync($"/api/capture/photos/{Sha(Png())}", c);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("hash-mismatch", (await ProblemAsync(wrong)).GetProperty("code").GetString());
        }
        var gif = "GIF89a-not-accepted"u8.ToArray();
        using (var c = new ByteArrayContent(gif))
        {
            var r = await client.PutAsync($"/api/capture/photos/{Sha(gif)}", c);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("not-an-image", (await ProblemAsync(r)).GetProperty("code").GetString());
        }
        var sha = Sha(bytes);
        for (var i = 0; i < 2; i++)
        {
            using var c = new ByteArrayContent(bytes);
            var r = await client.PutAsync($"/api/capture/photos/{sha}", c);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var receipt = (await r.Content.ReadFromJsonAsync<PhotoReceipt>(Json))!;
            Assert.Equal((sha, 1600, 1200, (long)bytes.Length), (receipt.Sha256, receipt.Width, receipt.Height, receipt.Bytes));
        }
        var file = Path.Combine(app.PhotoRoot, sha[..2], sha + ".png");
        Assert.True(File.Exists(file));
        Assert.Equal(sha, Sha(await File.ReadAllBytesAsync(file)));
        // Not yet part of a visit: nobody can read it back.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/capture/photos/{sha}")).StatusCode);
    }

    // ---- scoping and masking -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_foreign_jurisdiction_can_neither_submit_for_nor_see_a_venue()
    {
        var officer = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var leadB = await app.ClientForAsync(CaptureWebFactory.LeadB);
        var s = await ValidAsync(officer);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(officer, id, s)).StatusCode);
        var photo = s.Items.SelectMany(i => i.Photos).First();
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/capture/photos/{photo}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/capture/visits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/capture/photos/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leadB.GetAsync($"/api/capture/visits?venueId={app.VenueA.Id}")).StatusCode);
        var search = await leadB.GetFromJsonAsync<List<VenueCard>>($"/api/capture/venues?search={Uri.EscapeDataString(app.VenueA.Name)}", Json);
        Assert.DoesNotContain(search!, v => v.Id == app.VenueA.Id);

        // Lead B submitting for venue A (with B's own officers): refused, nothing stored.
        var other = Guid.NewGuid();
        var r = await PutAsync(leadB, other, s with { OfficerIds = [app.TeamB[0].Id, app.TeamB[1].Id] });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await ProblemAsync(r)).GetProperty("errors").TryGetProperty("venueId", out _));
        // Officer A naming B's officers for A's venue: refused.
        r = await PutAsync(officer, other, s with { OfficerIds = [app.TeamA[0].Id, app.TeamB[1].Id] });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE id = @p0", other));

        // Replaying A's id from B reveals nothing and changes nothing.
        r = await PutAsync(leadB, id, s);
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal(string.Empty, (await ProblemAsync(r)).GetProperty("storedSha256").GetString());
    }

    [Fact]
    public async Task The_person_present_id_is_validated_stored_and_shown_masked()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var s = await ValidAsync(client);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s)).StatusCode);
        var body = await client.GetStringAsync($"/api/capture/visits/{id}");
        Assert.DoesNotContain(PartyId, body, StringComparison.Ordinal);
        var details = JsonSerializer.Deserialize<VisitDetails>(body, Json)!;
        Assert.Equal(ResidentId.Mask(PartyId), details.PersonPresentIdMasked);
        Assert.Equal(PartyId, await ScalarAsync<string>("SELECT person_present_id_number FROM visits WHERE id = @p0", id));
        Assert.Equal(ResidentId.Mask(PartyId), await ScalarAsync<string>("SELECT content -> 'personPresent' ->> 'idNumber' FROM visits WHERE id = @p0", id));
        var audit = await ScalarAsync<string>("SELECT after::text FROM audit_log WHERE entity_type = 'Visit' AND entity_id = @p0", id.ToString());
        Assert.DoesNotContain(PartyId, audit, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(PartyId), audit, StringComparison.Ordinal);

        var history = await client.GetFromJsonAsync<List<VisitSummary>>($"/api/capture/visits?venueId={app.VenueA.Id}", Json);
        Assert.Contains(history!, h => h.Id == id && h.FailedItems == 1);
    }

    // ---- today ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_officers_today_lists_the_stops_of_approved_plans_and_accepts_the_planned_visit()
    {
        var client = await app.ClientForAsync(CaptureWebFactory.OfficerA);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(3);
        var (planId, operationId, draftOperationId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var draftPlanId = Guid.NewGuid();
        var community = app.VenueA.JurisdictionId!.Value;
        var teams = JsonSerializer.Serialize(new[] { new { number = 1, officerIds = new[] { app.TeamA[0].Id, app.TeamA[1].Id } } });
        await using (var c = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await c.OpenAsync();
            foreach (var (plan, op, status, month) in new[] { (planId, operationId, "Approved", 1), (draftPlanId, draftOperationId, "Draft", 2) })
            {
                await using var cmd = new NpgsqlCommand("""
                    INSERT INTO monthly_plans (id, street_jurisdiction_id, year, month, status, seed, input_fingerprint, algorithm, input, draw_log, unplanned, created_by, created_at, updated_at)
                    VALUES (@plan, @street, 2099, @month, @status, 1, 'x', 'test', '{}', '[]', '[]', 'test', now(), now());
                    INSERT INTO planned_operations (id, plan_id, number, jurisdiction_id, date, start, "end", kind, teams)
                    VALUES (@op, @plan, 1, @community, @date, '09:00', '12:00', 'Day', @teams::jsonb);
                    INSERT INTO planned_visits (operation_id, team_number, sequence, plan_id, venue_id, arrival_at, duration_minutes, travel_metres, travel_minutes, reasons)
                    VALUES (@op, 1, 1, @plan, @venue, @arrival, 40, 0, 0, '[{"code":"RiskD"}]'::jsonb);
                    """, c);
                cmd.Parameters.AddWithValue("plan", plan);
                cmd.Parameters.AddWithValue("op", op);
                cmd.Parameters.AddWithValue("status", status);
                cmd.Parameters.AddWithValue("month", month);
                cmd.Parameters.AddWithValue("street", app.StreetA.Id);
                cmd.Parameters.AddWithValue("community", community);
                cmd.Parameters.AddWithValue("date", today);
                cmd.Parameters.AddWithValue("teams", teams);
                cmd.Parameters.AddWithValue("venue", app.VenueA.Id);
                cmd.Parameters.AddWithValue("arrival", today.ToDateTime(new TimeOnly(9, 20)));
                await cmd.ExecuteNonQueryAsync();
            }
        }

        var list = await client.GetFromJsonAsync<List<Assignment>>($"/api/capture/today?date={today:yyyy-MM-dd}", Json);
        var a = Assert.Single(list!);
        Assert.Equal(operationId, a.OperationId);
        Assert.Equal(PlannedVisitIds.Of(operationId, 1, 1), a.PlannedVisitId);
        Assert.Equal(VisitKind.Planned, a.Kind);
        Assert.Equal(app.VenueA.Id, a.Venue.Id);
        Assert.Equal(["RiskD"], a.Reasons);
        Assert.Equal(new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 20)), TimeSpan.FromHours(8)), a.ArrivalAt);
        Assert.Empty((await client.GetFromJsonAsync<List<Assignment>>($"/api/capture/today?date={today.AddDays(1):yyyy-MM-dd}", Json))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/capture/today?date=tomorrow")).StatusCode);

        var s = await ValidAsync(client);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(client, id, s with { Kind = VisitKind.Planned, PlannedVisitId = a.PlannedVisitId })).StatusCode);
        Assert.Equal(operationId, await ScalarAsync<Guid>("SELECT planned_operation_id FROM visits WHERE id = @p0", id));
        var bogus = await PutAsync(client, Guid.NewGuid(), s with { Kind = VisitKind.Planned, PlannedVisitId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);

        // The venue card carries the last visit's findings.
        var card = (await client.GetFromJsonAsync<List<Assignment>>($"/api/capture/today?date={today:yyyy-MM-dd}", Json))!.Single().Venue;
        Assert.NotNull(card.History.LastVisitAt);
        Assert.Equal(1, card.History.LastVisitFailedItems);
    }
}
