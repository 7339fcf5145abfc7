using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Registry;

/// <summary>Spatial rules through the API on the real PostGIS database, with distances known in advance.</summary>
public sealed class SpatialTests(InspectionsWebFactory app) : IClassFixture<InspectionsWebFactory>
{
    // One degree of latitude near 22.6° N is about 110,770 m on the WGS-84 spheroid.
    private const double MetresPerDegreeLatitude = 110_770;
    private const double SchoolLon = 114.0500;
    private const double SchoolLat = 22.6000;

    [Fact]
    public async Task NearestSchoolDistanceIsMeasuredInMetresOnTheSpheroid()
    {
        var client = await app.AdminClientAsync();
        var school = await CreateSchool(client, "测试第一小学", "Primary", SchoolLon, SchoolLat);

        var venue = await CreateVenue(client, "远方网咖", "InternetCafe", SchoolLon, SchoolLat + 150 / MetresPerDegreeLatitude);

        Assert.Equal(school, venue["nearestSchoolId"]!.GetValue<string>());
        var distance = venue["nearestSchoolDistanceMetres"]!.GetValue<double>();
        Assert.InRange(distance, 149, 151);
        var haversine = Geo.HaversineMetres(SchoolLon, SchoolLat, SchoolLon, SchoolLat + 150 / MetresPerDegreeLatitude);
        Assert.InRange(distance, haversine * 0.99, haversine * 1.01);
    }

    [Fact]
    public async Task InternetCafeWithin200MetresOfAPrimarySchoolBreaksTheRule()
    {
        var client = await app.AdminClientAsync();
        await CreateSchool(client, "测试第二小学", "Primary", SchoolLon + 0.01, SchoolLat);

        var near = await CreateVenue(client, "近邻网吧", "InternetCafe", SchoolLon + 0.01, SchoolLat + 180 / MetresPerDegreeLatitude);
        var far = await CreateVenue(client, "远离网吧", "InternetCafe", SchoolLon + 0.01, SchoolLat + 230 / MetresPerDegreeLatitude);
        var hotel = await CreateVenue(client, "近邻酒店", "Hotel", SchoolLon + 0.01, SchoolLat - 100 / MetresPerDegreeLatitude);

        Assert.Equal("internet_cafe_school_200m", near["distanceRuleBreached"]?.GetValue<string>());
        Assert.Null(far["distanceRuleBreached"]);
        Assert.Null(hotel["distanceRuleBreached"]);
    }

    [Fact]
    public async Task AKindergartenDoesNotTriggerTheInternetCafeRule()
    {
        var client = await app.AdminClientAsync();
        await CreateSchool(client, "测试幼儿园", "Kindergarten", SchoolLon + 0.02, SchoolLat);

        var venue = await CreateVenue(client, "幼园旁网吧", "InternetCafe", SchoolLon + 0.02, SchoolLat + 50 / MetresPerDegreeLatitude);

        Assert.Null(venue["distanceRuleBreached"]);
    }

    [Fact]
    public async Task AddingASchoolFlagsTheVenuesAlreadyNearIt()
    {
        var client = await app.AdminClientAsync();
        var venue = await CreateVenue(client, "先开的网吧", "InternetCafe", SchoolLon + 0.03, SchoolLat);
        Assert.Null(venue["distanceRuleBreached"]);

        await CreateSchool(client, "新建中学", "Middle", SchoolLon + 0.03, SchoolLat + 120 / MetresPerDegreeLatitude);

        var after = await client.GetFromJsonAsync<JsonObject>($"/api/venues/{venue["id"]}");
        Assert.Equal("internet_cafe_school_200m", after!["distanceRuleBreached"]?.GetValue<string>());
        Assert.InRange(after["nearestSchoolDistanceMetres"]!.GetValue<double>(), 119, 121);
    }

    [Fact]
    public async Task SearchWithinNMetresReturnsOnlyVenuesInsideTheCircleNearestFirst()
    {
        var client = await app.AdminClientAsync();
        const double lon = 114.20;
        const double lat = 22.70;
        await CreateVenue(client, "圆内一号烟酒店", "TobaccoRetail", lon, lat + 100 / MetresPerDegreeLatitude);
        await CreateVenue(client, "圆内二号烟酒店", "TobaccoRetail", lon, lat + 40 / MetresPerDegreeLatitude);
        await CreateVenue(client, "圆外烟酒店", "TobaccoRetail", lon, lat + 400 / MetresPerDegreeLatitude);

        var result = await client.GetFromJsonAsync<JsonObject>($"/api/venues?near={lon},{lat}&within=300");

        var names = result!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["圆内二号烟酒店", "圆内一号烟酒店"], names);
        Assert.InRange(result["items"]![0]!["distanceMetres"]!.GetValue<double>(), 39, 41);
    }

    [Fact]
    public async Task BoundingBoxSearchFiltersByLocation()
    {
        var client = await app.AdminClientAsync();
        await CreateVenue(client, "框内酒吧", "Bar", 114.301, 22.801);
        await CreateVenue(client, "框外酒吧", "Bar", 114.401, 22.801);

        var result = await client.GetFromJsonAsync<JsonObject>("/api/venues?bbox=114.30,22.80,114.31,22.81");

        var names = result!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["框内酒吧"], names);
    }

    [Theory]
    [InlineData("bbox=1,2,3")]
    [InlineData("bbox=114.4,22.8,114.3,22.9")]
    [InlineData("near=114,22&within=-5")]
    [InlineData("within=100")]
    [InlineData("pageSize=100000")]
    public async Task BadSpatialQueriesGetFieldErrors(string query)
    {
        var response = await (await app.AdminClientAsync()).GetAsync($"/api/venues?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotEmpty(problem!["errors"]!.AsObject());
    }

    [Fact]
    public async Task TheCommunityIsDerivedFromThePoint()
    {
        var client = await app.AdminClientAsync();
        var street = await Create(client, "/api/jurisdictions", new JsonObject { ["code"] = "SP-ST", ["name"] = "测试街道", ["level"] = "Street" });
        var community = await Create(client, "/api/jurisdictions", new JsonObject
        {
            ["code"] = "SP-C1",
            ["name"] = "东方社区",
            ["level"] = "Community",
            ["parentId"] = street,
            ["boundary"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[114.5,22.5],[114.51,22.5],[114.51,22.51],[114.5,22.51],[114.5,22.5]]]}"""),
        });

        var venue = await CreateVenue(client, "东方酒店", "Hotel", 114.505, 22.505);
        var outside = await client.PostAsJsonAsync("/api/venues", VenueBody("西方酒店", "Hotel", 114.52, 22.505, community));

        Assert.Equal(community, venue["jurisdictionId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        var warnings = (await outside.Content.ReadFromJsonAsync<JsonObject>())!["warnings"]!.AsArray();
        Assert.Contains(warnings, w => w!["code"]!.GetValue<string>() == "location.outside_jurisdiction");
    }

    [Fact]
    public async Task TheSameNameWithin50MetresIsALikelyDuplicate()
    {
        var client = await app.AdminClientAsync();
        await CreateVenue(client, "如家酒店（民治店）", "Hotel", 114.60, 22.60);

        var response = await client.PostAsJsonAsync("/api/venues", VenueBody("如家酒店(民治店)", "Hotel", 114.60, 22.60 + 30 / MetresPerDegreeLatitude, null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var warnings = (await response.Content.ReadFromJsonAsync<JsonObject>())!["warnings"]!.AsArray();
        var duplicate = Assert.Single(warnings, w => w!["code"]!.GetValue<string>() == "duplicate.name_nearby");
        Assert.Contains("如家酒店（民治店）", duplicate!["related"]![0]!.GetValue<string>());
    }

    private static JsonObject VenueBody(string name, string type, double lon, double lat, string? jurisdictionId) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["creditCode"] = CreditCode.Compose('9', '1', "440309", Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["address"] = "深圳市龙华区测试路" + name,
        ["longitude"] = lon,
        ["latitude"] = lat,
        ["jurisdictionId"] = jurisdictionId,
    };

    private static async Task<JsonObject> CreateVenue(HttpClient client, string name, string type, double lon, double lat)
    {
        var response = await client.PostAsJsonAsync("/api/venues", VenueBody(name, type, lon, lat, null));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Task<string> CreateSchool(HttpClient client, string name, string kind, double lon, double lat) =>
        Create(client, "/api/schools", new JsonObject { ["name"] = name, ["kind"] = kind, ["longitude"] = lon, ["latitude"] = lat });

    private static async Task<string> Create(HttpClient client, string url, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
