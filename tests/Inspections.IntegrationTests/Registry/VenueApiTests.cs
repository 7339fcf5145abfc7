using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Identifiers;
using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Registry;

public sealed class VenueApiTests(InspectionsWebFactory app) : IClassFixture<InspectionsWebFactory>
{
    private static string NewCode() => CreditCode.Compose('9', '1', "440309", Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static JsonObject NewVenue(string name, string? code = null) => new()
    {
        ["name"] = name,
        ["type"] = "InternetCafe",
        ["creditCode"] = code ?? NewCode(),
        ["address"] = "深圳市龙华区民治街道民康路1号",
        ["longitude"] = 114.06,
        ["latitude"] = 22.63,
        ["openingHours"] = "08:00-24:00",
    };

    [Fact]
    public async Task CreateWithBadCreditCodeNeedsOverrideThenStoresTheReason()
    {
        var client = await app.AdminClientAsync();
        var valid = NewCode();
        var bad = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var body = NewVenue("星际网咖", bad);

        var first = await client.PostAsJsonAsync("/api/venues", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        var problem = await first.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        var codes = problem!["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("credit_code.invalid", codes);

        body["overrides"] = new JsonArray(new JsonObject { ["code"] = "credit_code.invalid", ["reason"] = "营业执照原件核对无误" });
        var second = await client.PostAsJsonAsync("/api/venues", body);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var venue = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(venue!["creditCodeValid"]!.GetValue<bool>());
        Assert.Equal("营业执照原件核对无误", venue["overrides"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StaleUpdateIsRejectedAndNothingIsOverwritten()
    {
        var client = await app.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/venues", NewVenue("云端网吧"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag!.Tag;
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var firstEdit = NewVenue("云端网吧（一店）");
        var ok = await Put(client, id, firstEdit, etag);
        var staleEdit = NewVenue("云端网吧（二店）");
        var stale = await Put(client, id, staleEdit, etag);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var current = await client.GetFromJsonAsync<JsonObject>($"/api/venues/{id}");
        Assert.Equal("云端网吧（一店）", current!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateWithoutIfMatchIsRefused()
    {
        var client = await app.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/venues", NewVenue("飞越网咖"));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var response = await client.PutAsJsonAsync($"/api/venues/{id}", NewVenue("飞越网咖2"));

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\":\"x\",\"type\":\"Casino\",\"address\":\"a\",\"longitude\":1,\"latitude\":1}")]
    [InlineData("{\"name\":\"x\",\"type\":\"Bar\",\"address\":\"a\",\"longitude\":\"east\",\"latitude\":1}")]
    [InlineData("[]")]
    public async Task MalformedJsonGetsAProblemNotAServerError(string json)
    {
        var client = await app.AdminClientAsync();

        var response = await client.PostAsync("/api/venues", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MissingFieldsAndOutOfRangeCoordinatesGiveFieldErrors()
    {
        var client = await app.AdminClientAsync();
        var body = new JsonObject { ["type"] = "Bar", ["longitude"] = 500, ["latitude"] = 22.6 };

        var response = await client.PostAsJsonAsync("/api/venues", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("Name") || errors.ContainsKey("name"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("Longitude") || errors.ContainsKey("longitude"), problem.ToJsonString());
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/venues/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }
}
