using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inspections.Domain.Identifiers;
using Inspections.IntegrationTests.Registry.Import;
using Inspections.Infrastructure.Registry.Import;
using Inspections.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Inspections.IntegrationTests.Security.TwoStreetsWebFactory;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// Street A's accounts against street B's records: invisible (404, never in lists or searches) and unchangeable;
/// writes that would put a record into B are refused with 422 and change nothing.
/// </summary>
public sealed class JurisdictionScopingTests(TwoStreetsWebFactory app) : IClassFixture<TwoStreetsWebFactory>
{
    [Theory]
    [InlineData(LeadA)]
    [InlineData(OfficerA)]
    [InlineData(ClerkA)]
    public async Task SearchesOfStreetAHoldOnlyStreetAVenues(string user)
    {
        var client = await app.ClientForAsync(user);
        var streetA = await CommunityIdsAsync(app.StreetA.Id);

        var page = await client.GetFromJsonAsync<JsonObject>("/api/venues?pageSize=500");
        var byNameOfB = await client.GetFromJsonAsync<JsonObject>($"/api/venues?q={Uri.EscapeDataString(app.VenueB.Name)}");
        var byJurisdictionB = await client.GetFromJsonAsync<JsonObject>($"/api/venues?jurisdictionId={app.StreetB.Id}");

        var ids = page!["items"]!.AsArray().Select(v => v!["jurisdictionId"]!.GetValue<Guid>()).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, streetA));
        await using var db = app.Database.CreateContext();
        Assert.Equal(await db.Venues.CountAsync(v => v.JurisdictionId != null && streetA.Contains(v.JurisdictionId.Value)), page["total"]!.GetValue<int>());
        Assert.Equal(0, byNameOfB!["total"]!.GetValue<int>());
        Assert.Equal(0, byJurisdictionB!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ACommunityLeadSeesOnlyItsCommunityButReadsItsStreet()
    {
        var client = await app.ClientForAsync(CommunityLeadA1);

        var venues = await client.GetFromJsonAsync<JsonObject>("/api/venues?pageSize=500");
        var other = await client.GetAsync($"/api/venues/{app.VenueA2.Id}");
        var jurisdictions = await client.GetFromJsonAsync<JsonArray>("/api/jurisdictions");
        var streetOfficer = await client.GetAsync($"/api/officers/{app.OfficerRecordA.Id}");

        Assert.All(venues!["items"]!.AsArray(), v => Assert.Equal(app.CommunityA1.Id, v!["jurisdictionId"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(
            new[] { app.StreetA.Id, app.CommunityA1.Id }.Order(),
            jurisdictions!.Select(j => j!["id"]!.GetValue<Guid>()).Order());
        Assert.Equal(HttpStatusCode.OK, streetOfficer.StatusCode);
    }

    [Fact]
    public async Task ACommunityLeadCannotChangeItsStreetsOfficers()
    {
        var client = await app.ClientForAsync(CommunityLeadA1);
        var officer = await client.GetAsync($"/api/officers/{app.OfficerRecordA.Id}");
        var body = (await officer.Content.ReadFromJsonAsync<JsonObject>())!;
        body["name"] = "改名测试";

        var response = await Send(client, HttpMethod.Put, $"/api/officers/{app.OfficerRecordA.Id}", body, officer.Headers.ETag!.Tag);

        await AssertOutOfJurisdictionAsync(response);
        await using var db = app.Database.CreateContext();
        Assert.Equal(app.OfficerRecordA.Name, (await db.Officers.SingleAsync(o => o.Id == app.OfficerRecordA.Id)).Name);
    }

    [Theory]
    [InlineData("venues")]
    [InlineData("officers")]
    [InlineData("schools")]
    [InlineData("departments")]
    [InlineData("jurisdictions")]
    public async Task RecordsOfStreetBDoNotExistForStreetA(string resource)
    {
        var client = await app.ClientForAsync(LeadA);
        var id = resource switch
        {
            "venues" => app.VenueB.Id,
            "officers" => app.OfficerRecordB.Id,
            "schools" => app.SchoolB.Id,
            "departments" => app.DepartmentB.Id,
            _ => app.StreetB.Id,
        };

        var get = await client.GetAsync($"/api/{resource}/{id}");
        var put = await Send(client, HttpMethod.Put, $"/api/{resource}/{id}", new JsonObject { ["name"] = "x" }, "\"1\"");
        var delete = await Send(client, HttpMethod.Delete, $"/api/{resource}/{id}", null, "\"1\"");
        var list = await client.GetStringAsync($"/api/{resource}{(resource is "venues" or "officers" or "schools" ? "?pageSize=500" : string.Empty)}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains(put.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden });
        Assert.Contains(delete.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.DoesNotContain(id.ToString(), list, StringComparison.OrdinalIgnoreCase);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Venues.AnyAsync(v => v.Id == app.VenueB.Id && v.Name == app.VenueB.Name));
        Assert.True(await db.Officers.AnyAsync(o => o.Id == app.OfficerRecordB.Id && o.Name == app.OfficerRecordB.Name));
        Assert.True(await db.Schools.AnyAsync(s => s.Id == app.SchoolB.Id));
    }

    [Fact]
    public async Task AVenueCannotBeCreatedInStreetB()
    {
        var client = await app.ClientForAsync(LeadA);
        await using var db = app.Database.CreateContext();
        var before = await db.Venues.CountAsync();

        var atB = await client.PostAsJsonAsync("/api/venues", NewVenue("越界网吧", app.PointInB));
        var chosenB = await client.PostAsJsonAsync("/api/venues", NewVenue("越界选择网吧", app.PointInA1, app.CommunityB.Id));

        await AssertOutOfJurisdictionAsync(atB);
        await AssertOutOfJurisdictionAsync(chosenB);
        Assert.Equal(before, await db.Venues.CountAsync());
    }

    [Fact]
    public async Task AVenueCannotBeMovedIntoStreetB()
    {
        var client = await app.ClientForAsync(LeadA);
        var created = await client.PostAsJsonAsync("/api/venues", NewVenue("搬迁测试网吧", app.PointInA1));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var moved = await Send(client, HttpMethod.Put, $"/api/venues/{id}", NewVenue("搬迁测试网吧", app.PointInB), created.Headers.ETag!.Tag);

        await AssertOutOfJurisdictionAsync(moved);
        await using var db = app.Database.CreateContext();
        var stored = await db.Venues.SingleAsync(v => v.Id == id);
        Assert.Equal(app.CommunityA1.Id, stored.JurisdictionId);
        Assert.Equal(app.PointInA1.Lon, stored.Location.X, 6);
    }

    [Fact]
    public async Task AnOfficerRegistersVenuesInTheFieldButCannotDeleteThem()
    {
        var client = await app.ClientForAsync(OfficerA);

        var created = await client.PostAsJsonAsync("/api/venues", NewVenue("外勤登记网吧", app.PointInA2));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var delete = await Send(client, HttpMethod.Delete, $"/api/venues/{id}", null, created.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Venues.AnyAsync(v => v.Id == id));
    }

    [Fact]
    public async Task OverridesRecordTheSignedInUser()
    {
        var client = await app.ClientForAsync(LeadA);
        var body = NewVenue("覆盖记录网吧", app.PointInA2);
        body["creditCode"] = null;
        body["overrides"] = new JsonArray(new JsonObject { ["code"] = "credit_code.missing", ["reason"] = "新开业，执照办理中" });

        var created = await client.PostAsJsonAsync("/api/venues", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var venue = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(LeadA, venue["overrides"]![0]!["overriddenBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task SchoolsAndOfficersCannotBeCreatedInStreetB()
    {
        var client = await app.ClientForAsync(LeadA);

        var school = await client.PostAsJsonAsync("/api/schools", new JsonObject
        {
            ["name"] = "越界小学", ["kind"] = "Primary", ["longitude"] = app.PointInB.Lon, ["latitude"] = app.PointInB.Lat,
        });
        var officer = await client.PostAsJsonAsync("/api/officers", new JsonObject
        {
            ["name"] = "越界队员", ["departmentId"] = app.DepartmentA.Id, ["enforcementIdNumber"] = "X-" + Guid.NewGuid().ToString("N")[..8],
            ["jurisdictionId"] = app.StreetB.Id,
        });

        await AssertOutOfJurisdictionAsync(school);
        await AssertOutOfJurisdictionAsync(officer);
    }

    [Fact]
    public async Task ImportsAreLimitedToTheUploadersJurisdiction()
    {
        var leadA = await app.ClientForAsync(LeadA);
        var leadB = await app.ClientForAsync(LeadB);
        await using var db = app.Database.CreateContext();
        var foreign = await db.Venues.Where(v => v.JurisdictionId == app.CommunityB.Id && v.CreditCode != null && v.Status != Domain.Registry.VenueStatus.Closed)
            .OrderBy(v => v.Name).FirstAsync();
        var csv = "名称,类型,统一社会信用代码,地址,经度,纬度\r\n"
                  + Row("导入A网吧", app.PointInA1) + Row("导入B网吧", app.PointInB) + Row("同码A网吧", app.PointInA2, foreign.CreditCode);

        var summary = await ImportApi.AnalyseAsync(leadA, "two-streets.csv", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv)]);
        var rows = await leadA.GetFromJsonAsync<JsonObject>($"/api/venue-imports/{summary.Id}/rows");
        var asB = await leadB.GetAsync($"/api/venue-imports/{summary.Id}");

        Assert.Equal(ImportStatus.Analysed, summary.Status);
        Assert.Equal((1, 1, 1), (summary.ValidRows, summary.WarningRows, summary.ErrorRows));
        var duplicate = rows!["items"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "Warning")!.ToJsonString();
        Assert.Contains("duplicate.credit_code", duplicate, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.Name, System.Text.RegularExpressions.Regex.Unescape(duplicate), StringComparison.Ordinal);
        var error = rows!["items"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "Error");
        Assert.Equal("导入B网吧", error!["name"]!.GetValue<string>());
        Assert.Contains("outside your jurisdiction", error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, asB.StatusCode);
    }

    [Fact]
    public async Task AnAuditorSeesEverythingAndChangesNothing()
    {
        var client = await app.ClientForAsync(Auditor);

        var a = await client.GetAsync($"/api/venues/{app.VenueA1.Id}");
        var b = await client.GetAsync($"/api/venues/{app.VenueB.Id}");
        var create = await client.PostAsJsonAsync("/api/venues", NewVenue("审计员网吧", app.PointInA1));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task PagesAreScopedLikeTheApi()
    {
        var leadA = await app.ClientForAsync(LeadA);
        var leadB = await app.ClientForAsync(LeadB);
        var query = "/venues?q=" + Uri.EscapeDataString(app.VenueB.Name);

        // Prerendered HTML encodes Chinese as character references: decode before looking.
        var asA = WebUtility.HtmlDecode(await leadA.GetStringAsync(query));
        var asB = WebUtility.HtmlDecode(await leadB.GetStringAsync(query));
        var detailAsA = WebUtility.HtmlDecode(await leadA.GetStringAsync($"/venues/{app.VenueB.Id}"));

        Assert.DoesNotContain(app.VenueB.Address, asA, StringComparison.Ordinal);
        Assert.Contains(app.VenueB.Address, asB, StringComparison.Ordinal);
        Assert.DoesNotContain(app.VenueB.Address, detailAsA, StringComparison.Ordinal);
    }

    private static string Row(string name, (double Lon, double Lat) p, string? creditCode = null) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name},网吧,{creditCode ?? NewCreditCode()},深圳市龙华区测试路{Random.Shared.Next(1, 999)}号,{p.Lon},{p.Lat}\r\n");

    private static string NewCreditCode() =>
        CreditCode.Compose('9', '1', "440309", Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static JsonObject NewVenue(string name, (double Lon, double Lat) point, Guid? jurisdictionId = null) => new()
    {
        ["name"] = name + "-" + Guid.NewGuid().ToString("N")[..6],
        ["type"] = "Ktv",
        ["creditCode"] = NewCreditCode(),
        ["address"] = "深圳市龙华区测试路" + Random.Shared.Next(1, 999) + "号",
        ["longitude"] = point.Lon,
        ["latitude"] = point.Lat,
        ["jurisdictionId"] = jurisdictionId,
        ["overrides"] = new JsonArray(new JsonObject { ["code"] = "duplicate.name_nearby", ["reason"] = "测试数据，名称随机" }),
    };

    private async Task<HashSet<Guid>> CommunityIdsAsync(Guid street)
    {
        await using var db = app.Database.CreateContext();
        return (await db.Jurisdictions.Where(j => j.Id == street || j.ParentId == street).Select(j => j.Id).ToListAsync()).ToHashSet();
    }

    private static async Task AssertOutOfJurisdictionAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(EntityWrites.OutOfJurisdictionType, problem!["type"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, JsonObject? body, string etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }
}
