using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Inspections.Domain.Capture;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Documents.Text;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification;
using Inspections.Infrastructure.Rectification.Jobs;
using Inspections.IntegrationTests.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Inspections.IntegrationTests.Rectification;

/// <summary>From a submitted visit to drafts, issue, service, deadline job, re-inspection, closing and escalation — on the real database.</summary>
public sealed class RectificationLoopTests(RectificationWebFactory app) : IClassFixture<RectificationWebFactory>
{
    private static readonly Dictionary<string, ItemOutcome> MarketAndPoliceFail = new()
    {
        ["M-01"] = ItemOutcome.Fail, ["M-02"] = ItemOutcome.Fail, ["P-01"] = ItemOutcome.Fail, ["P-02"] = ItemOutcome.Pass,
    };

    private Task<NoticeDetails> DetailsAsync(Guid id) => app.WithServiceAsync<RectificationService, NoticeDetails>(async s => (await s.GetAsync(id, default))!);

    private async Task<NoticeDetails> IssueAsync(Guid id)
    {
        var n = await DetailsAsync(id);
        await app.WithServiceAsync<RectificationService, RectificationNotice?>(s => s.IssueAsync(id, n.Version, default));
        return await DetailsAsync(id);
    }

    [Fact]
    public async Task ASubmittedVisitDraftsOneNoticePerDepartmentWithTheItemsDeadlinesAndLaw()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, MarketAndPoliceFail);

        Assert.Equal(2, ids.Count);
        var notices = await Task.WhenAll(ids.Select(DetailsAsync));
        var market = notices.Single(n => n.DepartmentKind == DepartmentKind.MarketSupervision);
        var police = notices.Single(n => n.DepartmentKind == DepartmentKind.Police);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

        Assert.All(notices, n => Assert.Equal(NoticeStatus.Draft, n.Status));
        Assert.All(notices, n => Assert.Null(n.Number));
        Assert.Equal(["M-01", "M-02"], market.Items.Select(i => i.ItemCode));
        Assert.Equal(["P-01"], police.Items.Select(i => i.ItemCode));
        Assert.Equal(today, market.Items[0].Deadline);
        Assert.Equal(today.AddDays(7), market.Items[1].Deadline);
        Assert.Equal(today.AddDays(7), market.Deadline);
        Assert.Equal(today.AddDays(3), police.Deadline);
        Assert.Contains("市场监督管理", market.IssuingAuthority);
        Assert.Contains("派出所", police.IssuingAuthority);
        Assert.Equal(venue.Name, market.PartyName);
        Assert.Equal(venue.CreditCode, market.PartyCreditCode);
        Assert.Contains("M-01现场查见不符合情形", market.FactsFound);
        Assert.Equal("《中华人民共和国未成年人保护法》第一百二十三条、《互联网上网服务营业场所管理条例》第三十一条", market.SpecificLegalBasis);
        Assert.Contains("第一百二十三条", market.Consequences);
        Assert.Equal("《中华人民共和国未成年人保护法》第五十八条", market.Items[0].LegalBasis);
        Assert.Equal("在经营场所入口处显著位置设置“未成年人禁止进入”标志", market.Items[0].Requirement);
        Assert.Equal(22, market.VerificationUrl.Split('/')[^1].Length);
    }

    [Fact]
    public async Task ConcurrentIssuersGetSerialsOneToNWithoutGapsAndRolledBackIssuesLeaveNone()
    {
        const int n = 24;
        var drafts = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            var venue = await app.NextVenueAsync(i % 2 == 0 ? app.StreetA : app.StreetB);
            var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, new() { ["M-02"] = ItemOutcome.Fail });
            drafts.Add(Assert.Single(ids));
        }
        var authority = (await DetailsAsync(drafts[0])).IssuingAuthority;
        await using var db0 = app.Database.CreateContext();
        var key = await db0.Set<RectificationNotice>().Where(x => x.Id == drafts[0]).Select(x => x.AuthorityKey).SingleAsync();
        var versions = new Dictionary<Guid, uint>();
        foreach (var id in drafts)
        {
            versions[id] = (await DetailsAsync(id)).Version;
        }

        // n issuers, plus issuers that take a serial and roll back, plus a second issue of the same draft (stale version).
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var issues = drafts.Select(id => Task.Run(() => TryIssueAsync(id)));
        var rollbacks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var db = app.Database.CreateContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            await NoticeNumbering.NextSerialAsync(db, key, year, default);
            await Task.Delay(20);
            await tx.RollbackAsync();
            return (RectificationNotice?)null;
        }));
        var duplicate = Task.Run(() => TryIssueAsync(drafts[0]));
        await Task.WhenAll([.. issues, .. rollbacks, duplicate]);

        // Two issuers of the same draft with the same version: exactly one wins, the other is told (412/422), no serial lost.
        async Task<RectificationNotice?> TryIssueAsync(Guid id)
        {
            try
            {
                return await app.WithServiceAsync<RectificationService, RectificationNotice?>(s => s.IssueAsync(id, versions[id], default));
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or Domain.Common.DomainException)
            {
                return null;
            }
        }

        await using var check = app.Database.CreateContext();
        var issued = await check.Set<RectificationNotice>().Where(x => x.AuthorityKey == key && x.Year == year).OrderBy(x => x.Serial).ToListAsync();
        Assert.Equal(Enumerable.Range(1, issued.Count), issued.Select(x => x.Serial!.Value));
        Assert.True(issued.Count >= n, $"{issued.Count} issued");
        Assert.All(drafts, id => Assert.Contains(issued, x => x.Id == id));
        Assert.Equal(issued.Count, issued.Select(x => x.Number).Distinct().Count());
        Assert.All(issued, x => Assert.Equal($"{x.NumberPrefix}〔{year}〕{x.Serial}号", x.Number));
        Assert.EndsWith("市监责改", issued[0].NumberPrefix);
        var counter = await check.Database.SqlQuery<int>($"SELECT next_serial AS \"Value\" FROM notice_number_counters WHERE issuing_authority = {key} AND year = {year}").SingleAsync();
        Assert.Equal(issued.Count + 1, counter);
        Assert.NotNull(authority);
    }

    [Fact]
    public async Task TheNoticePdfCarriesTheFieldsNumberDatesAndQrUrlFromTheDatabase()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (visitId, ids) = await app.SubmitVisitAsync(venue, app.TeamA, MarketAndPoliceFail);
        var market = ids.Select(id => DetailsAsync(id).Result).Single(n => n.DepartmentKind == DepartmentKind.MarketSupervision);
        var issued = await IssueAsync(market.Id);
        var admin = await app.AdminClientAsync();

        var response = await admin.GetAsync($"/api/notices/{market.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = Poppler.Squeeze(Poppler.RawText(pdf));
        foreach (var expected in new[]
        {
            issued.Number!, issued.IssuingAuthority, "责令（限期）改正通知书", venue.Name, venue.CreditCode!, venue.LegalRepresentative!,
            "M-01现场查见不符合情形", "《中华人民共和国未成年人保护法》第五十八条", "《中华人民共和国行政处罚法》第二十八条第一款",
            "《互联网上网服务营业场所管理条例》第三十一条", "建立并落实上网人员身份证件核对、登记制度", "（立即改正）",
            ChineseDates.InChineseNumerals(issued.Deadline), "六十日内", "六个月内", "送达回执", issued.VerificationUrl,
        })
        {
            Assert.Contains(Poppler.Squeeze(expected), text);
        }
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "rect-notice.pdf"), pdf);

        var record = await admin.GetAsync($"/api/visits/{visitId}/record.pdf");
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var recordPdf = await record.Content.ReadAsByteArrayAsync();
        var recordText = Poppler.Squeeze(Poppler.RawText(recordPdf));
        foreach (var expected in new[]
        {
            "现场笔录", app.TeamA[0].Name, app.TeamA[0].EnforcementIdNumber, app.TeamA[1].Name, venue.Name, "王丽", Domain.Identifiers.ResidentId.Mask("11010519491231002X"),
            "入口处设置“未成年人禁止进入”标志", "M-01现场查见不符合情形", "照片1", "无异议",
        })
        {
            Assert.Contains(Poppler.Squeeze(expected), recordText);
        }
        Assert.DoesNotContain("11010519491231002X", recordText);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "rect-record.pdf"), recordPdf);
    }

    [Fact]
    public async Task DeadlinesBecomeReinspectionTasksThatCloseOrEscalateTheNotice()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, MarketAndPoliceFail);
        var market = (await IssueAsync(ids.Select(id => DetailsAsync(id).Result).Single(n => n.DepartmentKind == DepartmentKind.MarketSupervision).Id));
        var police = (await IssueAsync(ids.Select(id => DetailsAsync(id).Result).Single(n => n.DepartmentKind == DepartmentKind.Police).Id));
        await app.WithServiceAsync<RectificationService, RectificationNotice?>(s => s.ServeAsync(market.Id, market.Version,
            new ServiceRecord(ServiceMethod.OnSite, DateTimeOffset.UtcNow, "王丽", false, null, app.TeamA[0].Name), default));

        // Two days before the market deadline: reminders for both officers of the visit, no task yet.
        var before = await RunJobAsync(market.Deadline.AddDays(-2));
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(2, await db.Set<Notification>().CountAsync(x => x.NoticeId == market.Id && x.Kind == NotificationKind.DeadlineApproaching));
            Assert.False(await db.Set<ReinspectionTask>().AnyAsync(t => t.NoticeId == market.Id));
        }
        Assert.True(before.Notifications >= 2);

        // On the deadline: one task with the item codes; running again changes nothing.
        await RunJobAsync(market.Deadline);
        var again = await RunJobAsync(market.Deadline);
        await using (var db = app.Database.CreateContext())
        {
            var task = await db.Set<ReinspectionTask>().SingleAsync(t => t.NoticeId == market.Id);
            Assert.Equal(["M-01", "M-02"], task.ItemCodes);
            Assert.Equal(market.Deadline, task.DueDate);
            Assert.Equal(app.TeamA.Select(o => o.Id).Order(), task.OfficerIds.Order());
            Assert.Equal(ReinspectionTaskStatus.Open, task.Status);
            Assert.Equal(2, await db.Set<Notification>().CountAsync(x => x.NoticeId == market.Id && x.Kind == NotificationKind.ReinspectionDue));
        }
        Assert.Equal(0, again.TasksCreated);

        // The officer's "today" list and the old photos for the re-inspection.
        var officer = await app.ClientForAsync(RectificationWebFactory.OfficerA);
        var tasks = await officer.GetFromJsonAsync<List<ReinspectionAssignment>>($"/api/reinspection-tasks?date={market.Deadline:yyyy-MM-dd}", Json);
        var mine = Assert.Single(tasks!, t => t.NoticeId == market.Id);
        Assert.Equal(["M-01", "M-02"], mine.ItemCodes);
        var photos = await officer.GetFromJsonAsync<List<ItemPhotos>>($"/api/notices/{market.Id}/photos", Json);
        Assert.Equal(["M-01", "M-02"], photos!.Select(p => p.ItemCode));
        Assert.All(photos!, p => Assert.Single(p.Photos));
        var reminders = await officer.GetFromJsonAsync<List<NotificationDto>>("/api/notifications/mine", Json);
        Assert.Contains(reminders!, r => r.NoticeId == market.Id && r.Kind == NotificationKind.ReinspectionDue);

        // Re-inspection: everything rectified → closed, task done.
        await app.SubmitVisitAsync(venue, app.TeamA, new() { ["M-01"] = ItemOutcome.Pass, ["M-02"] = ItemOutcome.Pass },
            kind: VisitKind.Reinspection, reinspectionOf: market.Id);
        var closed = await DetailsAsync(market.Id);
        Assert.Equal(NoticeStatus.Rectified, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.All(closed.Items, i => Assert.Equal(ReinspectionOutcome.Rectified, i.Outcome));
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(ReinspectionTaskStatus.Done, (await db.Set<ReinspectionTask>().SingleAsync(t => t.NoticeId == market.Id)).Status);
        }

        // Police notice: past the deadline → overdue; the re-inspection finds P-01 still failing → escalated, risk raised.
        var riskBefore = (await VenueAsync(venue.Id)).RiskClass;
        await RunJobAsync(police.Deadline.AddDays(1));
        Assert.Equal(NoticeStatus.Overdue, (await DetailsAsync(police.Id)).Status);
        await app.SubmitVisitAsync(venue, app.TeamA, new() { ["P-01"] = ItemOutcome.Fail }, kind: VisitKind.Reinspection, reinspectionOf: police.Id);
        var escalated = await DetailsAsync(police.Id);
        Assert.Equal(NoticeStatus.Escalated, escalated.Status);
        Assert.Equal(ReinspectionOutcome.NotRectified, escalated.Items.Single().Outcome);
        Assert.NotNull(escalated.Escalation);
        Assert.Equal("《中华人民共和国未成年人保护法》第一百二十三条", escalated.Escalation!.PenaltyBasis);
        Assert.Equal("责令改正，给予警告，没收违法所得，可以并处五万元以下罚款", escalated.Escalation.PenaltyRange);
        Assert.True(escalated.Escalation.OnNotificationList);
        var after = await VenueAsync(venue.Id);
        Assert.Equal(riskBefore == RiskClass.D ? RiskClass.D : riskBefore + 1, after.RiskClass);
        await using (var db = app.Database.CreateContext())
        {
            Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.EntityId == venue.Id.ToString() && a.Action == AuditActions.Updated));
        }
    }

    [Fact]
    public async Task AnOverdueNoticeWithoutReinspectionIsEscalatedAfterTheGracePeriod()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, new() { ["P-01"] = ItemOutcome.Fail });
        var police = await IssueAsync(Assert.Single(ids));
        var grace = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RectificationOptions>>().Value.EscalateAfterOverdueDays;

        await RunJobAsync(police.Deadline.AddDays(grace));
        Assert.Equal(NoticeStatus.Overdue, (await DetailsAsync(police.Id)).Status);
        var result = await RunJobAsync(police.Deadline.AddDays(grace + 1));
        var escalated = await DetailsAsync(police.Id);
        Assert.Equal(NoticeStatus.Escalated, escalated.Status);
        Assert.Contains("逾期", escalated.Escalation!.Reason);
        Assert.True(result.Escalated >= 1);
        await RunJobAsync(police.Deadline.AddDays(grace + 2));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Set<Escalation>().CountAsync(e => e.NoticeId == police.Id));
    }

    [Fact]
    public async Task ServiceNeedsAWitnessWhenThePartyRefusesAndWritesNeedIfMatch()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, new() { ["P-01"] = ItemOutcome.Fail });
        var id = Assert.Single(ids);
        var lead = await app.ClientForAsync(RectificationWebFactory.LeadA);

        var get = await lead.GetAsync($"/api/notices/{id}");
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await lead.PostAsync($"/api/notices/{id}/issue", null)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/notices/{id}/issue");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await lead.SendAsync(stale)).StatusCode);
        var issue = new HttpRequestMessage(HttpMethod.Post, $"/api/notices/{id}/issue");
        issue.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var issued = await lead.SendAsync(issue);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);

        var refused = new HttpRequestMessage(HttpMethod.Post, $"/api/notices/{id}/service")
        {
            Content = JsonContent.Create(new { method = "LeftWithWitness", servedAt = DateTimeOffset.UtcNow, partyRefused = true }),
        };
        refused.Headers.IfMatch.Add(issued.Headers.ETag!);
        var noWitness = await lead.SendAsync(refused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noWitness.StatusCode);
        Assert.Contains("witness", await noWitness.Content.ReadAsStringAsync());

        var withWitness = new HttpRequestMessage(HttpMethod.Post, $"/api/notices/{id}/service")
        {
            Content = JsonContent.Create(new { method = "LeftWithWitness", servedAt = DateTimeOffset.UtcNow, partyRefused = true, witness = "李社区" }),
        };
        withWitness.Headers.IfMatch.Add(issued.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await lead.SendAsync(withWitness)).StatusCode);
        var served = await DetailsAsync(id);
        Assert.Equal(NoticeStatus.Served, served.Status);
        Assert.True(served.PartyRefused);
        Assert.Equal("李社区", served.Witness);

        var bad = new HttpRequestMessage(HttpMethod.Put, $"/api/notices/{id}") { Content = JsonContent.Create(new { factsFound = "" }) };
        bad.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.SendAsync(bad)).StatusCode);
    }

    [Fact]
    public async Task TheVerificationPageIsAnonymousAndShowsNoPersonalData()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, new() { ["M-01"] = ItemOutcome.Fail, ["P-01"] = ItemOutcome.Fail });
        var notices = ids.Select(id => DetailsAsync(id).Result).ToList();
        var issued = await IssueAsync(notices[0].Id);
        var draft = notices[1];
        var anonymous = app.CreateAnonymousClient();

        var page = await anonymous.GetAsync($"/verify/{issued.VerificationUrl.Split('/')[^1]}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("verify-genuine", html);
        Assert.Contains(issued.Number!, html);
        Assert.Contains(issued.IssuingAuthority, html);
        Assert.Contains(issued.Deadline.ToString("yyyy-MM-dd"), html);
        foreach (var personal in new[] { venue.Name, venue.CreditCode!, venue.LegalRepresentative!, venue.Address, "王丽", app.TeamA[0].Name, app.TeamA[1].Name, "M-01" })
        {
            Assert.DoesNotContain(personal, html);
        }

        var draftPage = WebUtility.HtmlDecode(await (await anonymous.GetAsync($"/verify/{draft.VerificationUrl.Split('/')[^1]}")).Content.ReadAsStringAsync());
        Assert.Contains("verify-not-found", draftPage);
        var guessed = WebUtility.HtmlDecode(await (await anonymous.GetAsync($"/verify/{RectificationNotice.NewToken()}")).Content.ReadAsStringAsync());
        Assert.Contains("verify-not-found", guessed);
    }

    [Fact]
    public async Task LedgersHoldOnlyTheRowsOfTheUsersJurisdiction()
    {
        var venueA = await app.NextVenueAsync(app.StreetA);
        var venueB = await app.NextVenueAsync(app.StreetB);
        await app.SubmitVisitAsync(venueA, app.TeamA, new() { ["M-01"] = ItemOutcome.Fail, ["P-02"] = ItemOutcome.Pass });
        await app.SubmitVisitAsync(venueB, app.TeamB, new() { ["M-01"] = ItemOutcome.Fail, ["P-02"] = ItemOutcome.Pass });
        var leadA = await app.ClientForAsync(RectificationWebFactory.LeadA);
        var leadB = await app.ClientForAsync(RectificationWebFactory.LeadB);

        await using var db = app.Database.CreateContext();
        var streetAVenues = await db.Venues.Where(v => db.Jurisdictions.Any(j => j.Id == v.JurisdictionId && j.ParentId == app.StreetA.Id)).Select(v => v.Address).ToListAsync();
        var expectedNoticesA = await db.Set<RectificationNotice>().CountAsync(n => db.Jurisdictions.Any(j => j.Id == n.JurisdictionId && j.ParentId == app.StreetA.Id));

        foreach (var kind in new[] { "notices", "findings", "visits", "rectification" })
        {
            var csv = Encoding.UTF8.GetString(await leadA.GetByteArrayAsync($"/api/ledgers/{kind}?format=csv"));
            // Addresses name the street, so they tell the two streets apart even for chain stores of the same name.
            Assert.Contains(venueA.Address, csv);
            Assert.DoesNotContain(venueB.Address, csv);
            var csvB = Encoding.UTF8.GetString(await leadB.GetByteArrayAsync($"/api/ledgers/{kind}?format=csv"));
            Assert.Contains(venueB.Address, csvB);
            Assert.DoesNotContain(venueA.Address, csvB);
        }
        var xlsx = await leadA.GetByteArrayAsync("/api/ledgers/notices?format=xlsx");
        var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expectedNoticesA, rows.Count);
        Assert.All(rows, r => Assert.Contains(r["地址"]?.ToString(), streetAVenues));

        Assert.Equal(HttpStatusCode.BadRequest, (await leadA.GetAsync("/api/ledgers/nonsense?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leadA.GetAsync("/api/ledgers/notices?format=pdf")).StatusCode);
        var officer = await app.ClientForAsync(RectificationWebFactory.OfficerA);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/ledgers/notices?format=csv")).StatusCode);
    }

    [Fact]
    public async Task BatchPrintingMergesTheDaysDocumentsInTheBackgroundWithProgress()
    {
        var venue = await app.NextVenueAsync(app.StreetA);
        var (_, ids) = await app.SubmitVisitAsync(venue, app.TeamA, MarketAndPoliceFail);
        foreach (var id in ids)
        {
            await IssueAsync(id);
        }
        var admin = await app.AdminClientAsync();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

        var accepted = await admin.PostAsJsonAsync("/api/print-batches", new { from = today, records = true, notices = true });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var batch = (await accepted.Content.ReadFromJsonAsync<Dictionary<string, Guid>>(Json))!["id"];
        PrintBatchState? state = null;
        for (var i = 0; i < 120 && state?.Status is not ("Done" or "Failed"); i++)
        {
            await Task.Delay(250);
            state = await admin.GetFromJsonAsync<PrintBatchState>($"/api/print-batches/{batch}", Json);
        }
        Assert.True(state!.Status == "Done", state.Error);
        Assert.True(state.DocumentsTotal >= 3, $"{state.DocumentsTotal} documents");
        Assert.Equal(state.DocumentsTotal, state.DocumentsDone);
        var pdf = await admin.GetByteArrayAsync($"/api/print-batches/{batch}/pdf");
        Assert.Equal(state.Pages, Poppler.PageCount(pdf));
        var text = Poppler.Squeeze(Poppler.RawText(pdf));
        Assert.Contains("现场笔录", text);
        Assert.Contains(Poppler.Squeeze((await DetailsAsync(ids[0])).Number!), text);

        var bad = await admin.PostAsJsonAsync("/api/print-batches", new { from = today, to = today.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var lead = await app.ClientForAsync(RectificationWebFactory.LeadB);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/print-batches/{batch}")).StatusCode);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private async Task<Venue> VenueAsync(Guid id)
    {
        await using var db = app.Database.CreateContext();
        return await db.Venues.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    private Task<DailyRunResult> RunJobAsync(DateOnly today) =>
        app.WithServiceAsync<RectificationDailyJob, DailyRunResult>(j => j.RunForAsync(today, default));
}
