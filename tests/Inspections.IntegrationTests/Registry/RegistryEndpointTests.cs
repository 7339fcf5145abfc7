using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Registry;

public sealed class RegistryEndpointTests(InspectionsWebFactory app) : IClassFixture<InspectionsWebFactory>
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheRegistryEndpoints()
    {
        var doc = await (await app.AdminClientAsync()).GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = doc!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/venues", paths);
        Assert.Contains("/api/schools", paths);
        Assert.Contains("/api/officers", paths);
        Assert.Contains("/api/jurisdictions", paths);
    }

    [Fact]
    public async Task ASelfIntersectingBoundaryIsAFieldError()
    {
        var client = await app.AdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/jurisdictions", new JsonObject
        {
            ["code"] = "BOW",
            ["name"] = "蝴蝶街道",
            ["level"] = "Street",
            ["boundary"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"""),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("boundary"));
    }

    [Fact]
    public async Task OfficersResidentIdsAreValidatedAndMasked()
    {
        var client = await app.AdminClientAsync();
        var street = await Create(client, "/api/jurisdictions", new JsonObject { ["code"] = "OF-ST", ["name"] = "人员街道", ["level"] = "Street" });
        var department = await Create(client, "/api/departments", new JsonObject
        {
            ["code"] = "OF-PS", ["name"] = "人员派出所", ["shortName"] = "人派", ["kind"] = "Police", ["jurisdictionId"] = street,
        });
        var officer = new JsonObject
        {
            ["name"] = "李警官", ["departmentId"] = department, ["enforcementIdNumber"] = "44000001",
            ["jurisdictionId"] = street, ["residentIdNumber"] = "110105194912310021",
        };

        var bad = await client.PostAsJsonAsync("/api/officers", officer);
        officer["residentIdNumber"] = "11010519491231002X";
        var good = await client.PostAsJsonAsync("/api/officers", officer);
        var listed = await client.GetFromJsonAsync<JsonObject>("/api/officers?q=李警官");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal("1101**********002X", listed!["items"]![0]!["residentIdNumber"]!.GetValue<string>());
        Assert.DoesNotContain("19491231", listed.ToJsonString());
    }

    [Fact]
    public async Task ADepartmentWithOfficersCannotBeDeleted()
    {
        var client = await app.AdminClientAsync();
        var street = await Create(client, "/api/jurisdictions", new JsonObject { ["code"] = "DL-ST", ["name"] = "删除街道", ["level"] = "Street" });
        var department = await Create(client, "/api/departments", new JsonObject
        {
            ["code"] = "DL-MS", ["name"] = "删除市场监管所", ["shortName"] = "删监", ["kind"] = "MarketSupervision", ["jurisdictionId"] = street,
        });
        await Create(client, "/api/officers", new JsonObject
        {
            ["name"] = "王科员", ["departmentId"] = department, ["enforcementIdNumber"] = "44000002", ["jurisdictionId"] = street,
        });
        var get = await client.GetAsync($"/api/departments/{department}");

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/departments/{department}");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(get.Headers.ETag!.Tag));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/departments/{department}")).StatusCode);
    }

    [Fact]
    public async Task ADuplicateEnforcementIdIsAFieldError()
    {
        var client = await app.AdminClientAsync();
        var street = await Create(client, "/api/jurisdictions", new JsonObject { ["code"] = "DU-ST", ["name"] = "重复街道", ["level"] = "Street" });
        var department = await Create(client, "/api/departments", new JsonObject
        {
            ["code"] = "DU-PS", ["name"] = "重复派出所", ["shortName"] = "重派", ["kind"] = "Police", ["jurisdictionId"] = street,
        });
        var officer = new JsonObject { ["name"] = "赵警官", ["departmentId"] = department, ["enforcementIdNumber"] = "44000003", ["jurisdictionId"] = street };
        await Create(client, "/api/officers", officer);

        var second = await client.PostAsJsonAsync("/api/officers", officer);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("enforcementIdNumber"));
    }

    [Fact]
    public async Task AStaleSchoolUpdateIsRejected()
    {
        var client = await app.AdminClientAsync();
        var body = new JsonObject { ["name"] = "并发小学", ["kind"] = "Primary", ["longitude"] = 114.9, ["latitude"] = 22.9 };
        var created = await client.PostAsJsonAsync("/api/schools", body);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var etag = created.Headers.ETag!.Tag;

        var first = await Put(client, $"/api/schools/{id}", new JsonObject { ["name"] = "并发小学（新校区）", ["kind"] = "Primary", ["longitude"] = 114.9, ["latitude"] = 22.9 }, etag);
        var second = await Put(client, $"/api/schools/{id}", new JsonObject { ["name"] = "并发小学（旧校区）", ["kind"] = "Primary", ["longitude"] = 114.9, ["latitude"] = 22.9 }, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var current = await client.GetFromJsonAsync<JsonObject>($"/api/schools/{id}");
        Assert.Equal("并发小学（新校区）", current!["name"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string url, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    private static async Task<string> Create(HttpClient client, string url, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
