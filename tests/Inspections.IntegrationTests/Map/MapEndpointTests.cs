using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Map;
using Inspections.IntegrationTests.Security;
using Npgsql;

namespace Inspections.IntegrationTests.Map;

/// <summary>
/// The map's endpoints on the two-street district: tiles, clicks, popups, search and exports reach only the caller's
/// jurisdictions (raw SQL, so the scope is passed explicitly), filters change what a tile holds, bad input is 400.
/// </summary>
public sealed class MapEndpointTests(TwoStreetsWebFactory app) : IClassFixture<TwoStreetsWebFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = Math.Pow(2, z);
        var rad = lat * Math.PI / 180;
        return ((int)Math.Floor((lon + 180) / 360 * n), (int)Math.Floor((1 - (Math.Log(Math.Tan(rad) + (1 / Math.Cos(rad))) / Math.PI)) / 2 * n));
    }

    private static async Task<byte[]> TileAsync(HttpClient client, Venue at, int z, string query = "")
    {
        var (x, y) = TileOf(at.Location.X, at.Location.Y, z);
        var response = await client.GetAsync($"/api/map/tiles/{z}/{x}/{y}.mvt?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Inspections.Web.Map.MapEndpoints.TileContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static bool Holds(byte[] tile, Venue venue) =>
        tile.AsSpan().IndexOf(Encoding.UTF8.GetBytes(venue.Id.ToString())) >= 0;

    [Fact]
    public async Task ACommunityLeadsTilesHoldNoForeignVenues()
    {
        var communityLead = await app.ClientForAsync(TwoStreetsWebFactory.CommunityLeadA1);
        var streetLead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var leadB = await app.ClientForAsync(TwoStreetsWebFactory.LeadB);

        // Individual venues from zoom 13 on; the venue's own tile at zoom 15.
        Assert.True(Holds(await TileAsync(communityLead, app.VenueA1, 15), app.VenueA1));
        Assert.False(Holds(await TileAsync(communityLead, app.VenueA2, 15), app.VenueA2));
        Assert.True(Holds(await TileAsync(streetLead, app.VenueA2, 15), app.VenueA2));
        Assert.False(Holds(await TileAsync(communityLead, app.VenueB, 15), app.VenueB));
        Assert.False(Holds(await TileAsync(streetLead, app.VenueB, 15), app.VenueB));
        Assert.True(Holds(await TileAsync(leadB, app.VenueB, 15), app.VenueB));
        Assert.False(Holds(await TileAsync(leadB, app.VenueA1, 15), app.VenueA1));
    }

    [Fact]
    public async Task AFilterChangesWhatATileHolds()
    {
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var v = app.VenueA1;
        var other = Enum.GetValues<VenueType>().First(t => t != v.Type);

        Assert.True(Holds(await TileAsync(lead, v, 15, $"type={v.Type}"), v));
        Assert.False(Holds(await TileAsync(lead, v, 15, $"type={other}"), v));
        Assert.True(Holds(await TileAsync(lead, v, 15, $"risk={v.RiskClass}"), v));
        Assert.False(Holds(await TileAsync(lead, v, 15, $"risk={Enum.GetValues<RiskClass>().First(r => r != v.RiskClass)}"), v));
        // No visits yet: every operating venue is "not inspected this quarter".
        Assert.True(Holds(await TileAsync(lead, v, 15, "status=NotInspected"), v));
        Assert.False(Holds(await TileAsync(lead, v, 15, "status=Passed"), v));
        Assert.False(Holds(await TileAsync(lead, v, 15, $"jurisdictionId={app.CommunityA2.Id}"), v));
        Assert.True(Holds(await TileAsync(lead, v, 15, $"jurisdictionId={app.StreetA.Id}"), v));
    }

    [Fact]
    public async Task LowZoomTilesCarryClustersNotVenues()
    {
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var tile = await TileAsync(lead, app.VenueA1, 10);
        Assert.NotEmpty(tile);
        Assert.True(tile.AsSpan().IndexOf("count"u8) >= 0);
        Assert.False(Holds(tile, app.VenueA1) && Holds(tile, app.VenueA2), "a z10 tile should aggregate, not list every venue");
    }

    [Theory]
    [InlineData("/api/map/tiles/23/0/0.mvt")]
    [InlineData("/api/map/tiles/3/8/0.mvt")]
    [InlineData("/api/map/tiles/3/0/-1.mvt")]
    [InlineData("/api/map/tiles/10/0/0.mvt?crs=bd09")]
    [InlineData("/api/map/tiles/10/0/0.mvt?type=Casino")]
    [InlineData("/api/map/click?lon=200&lat=22&z=15")]
    [InlineData("/api/map/click?lon=114&lat=22")]
    [InlineData("/api/map/search?q=")]
    public async Task BadInputIsAProblemNotAnError(string url)
    {
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var response = await lead.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AClickFindsTheVenueOnlyWithinTheCallersJurisdiction()
    {
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var leadB = await app.ClientForAsync(TwoStreetsWebFactory.LeadB);
        var v = app.VenueA1;
        var url = FormattableString.Invariant($"/api/map/click?lon={v.Location.X}&lat={v.Location.Y}&z=18");

        var hit = await lead.GetFromJsonAsync<MapClickResult>(url, Json);
        Assert.NotNull(hit);
        Assert.False(hit.IsCluster);
        Assert.Equal(v.Id, hit.Venue!.Id);
        Assert.Equal(v.Type, hit.Venue.Type);
        Assert.Equal(MapVenueStatus.NotInspected, hit.Venue.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await leadB.GetAsync(url)).StatusCode);

        var cluster = await lead.GetFromJsonAsync<MapClickResult>(FormattableString.Invariant($"/api/map/click?lon={v.Location.X}&lat={v.Location.Y}&z=8"), Json);
        Assert.True(cluster!.IsCluster || cluster.Venue?.Id == v.Id);
    }

    [Fact]
    public async Task PopupsAndSearchAreScoped()
    {
        var communityLead = await app.ClientForAsync(TwoStreetsWebFactory.CommunityLeadA1);
        Assert.Equal(HttpStatusCode.OK, (await communityLead.GetAsync($"/api/map/venues/{app.VenueA1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await communityLead.GetAsync($"/api/map/venues/{app.VenueA2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await communityLead.GetAsync($"/api/map/venues/{app.VenueB.Id}")).StatusCode);

        var own = await communityLead.GetFromJsonAsync<List<MapSearchHit>>($"/api/map/search?q={Uri.EscapeDataString(app.VenueA1.Name)}", Json);
        Assert.Contains(own!, h => h.Id == app.VenueA1.Id);
        var foreign = await communityLead.GetFromJsonAsync<List<MapSearchHit>>($"/api/map/search?q={Uri.EscapeDataString(app.VenueB.Name)}", Json);
        Assert.DoesNotContain(foreign!, h => h.Id == app.VenueB.Id);
    }

    [Fact]
    public async Task ExportsHoldTheFilteredVenuesOfTheCallersJurisdictionOnly()
    {
        var communityLead = await app.ClientForAsync(TwoStreetsWebFactory.CommunityLeadA1);
        var geo = await communityLead.GetAsync("/api/map/export.geojson");
        Assert.Equal(HttpStatusCode.OK, geo.StatusCode);
        using var doc = JsonDocument.Parse(await geo.Content.ReadAsStringAsync());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        var ids = features.Select(f => f.GetProperty("properties").GetProperty("id").GetString()).ToHashSet();
        Assert.Contains(app.VenueA1.Id.ToString(), ids);
        Assert.DoesNotContain(app.VenueA2.Id.ToString(), ids);
        Assert.DoesNotContain(app.VenueB.Id.ToString(), ids);

        var typed = await communityLead.GetAsync($"/api/map/export.geojson?type={app.VenueA1.Type}");
        using var typedDoc = JsonDocument.Parse(await typed.Content.ReadAsStringAsync());
        var typedFeatures = typedDoc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(typedFeatures);
        Assert.All(typedFeatures, f => Assert.Equal(app.VenueA1.Type.ToString(), f.GetProperty("properties").GetProperty("type").GetString()));
        Assert.True(typedFeatures.Count < features.Count || features.All(f => f.GetProperty("properties").GetProperty("type").GetString() == app.VenueA1.Type.ToString()));

        var csv = await communityLead.GetAsync("/api/map/export.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(features.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(app.VenueA1.Id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(app.VenueB.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SchoolBuffersFollowTheDistanceRulesAndTheScope()
    {
        var leadB = await app.ClientForAsync(TwoStreetsWebFactory.LeadB);
        var schools = await leadB.GetFromJsonAsync<List<MapSchoolBuffer>>("/api/map/schools", Json);
        Assert.Contains(schools!, s => s.Id == app.SchoolB.Id);
        Assert.DoesNotContain(schools!, s => s.Id == app.SchoolA.Id);
        Assert.All(schools!.Where(s => s.Kind == SchoolKind.Primary), s => Assert.Equal(200, s.RadiusMetres));
        Assert.All(schools!.Where(s => s.Kind == SchoolKind.Kindergarten), s => Assert.Equal(50, s.RadiusMetres));
    }

    [Fact]
    public async Task TodayAnswersWithoutPlansAndConfigHasNoBaseLayerByDefault()
    {
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var today = await lead.GetFromJsonAsync<MapToday>("/api/map/today", Json);
        Assert.NotNull(today);
        Assert.Empty(today.Teams);
        var config = await lead.GetFromJsonAsync<Inspections.Web.Map.MapEndpoints.MapConfigDto>("/api/map/config", Json);
        Assert.Empty(config!.BaseLayers);
        Assert.NotNull(config.Extent);
    }

    [Fact]
    public async Task TheGcj02FunctionInSqlAgreesWithTheCSharpOne()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (lon, lat) in new[] { (114.0579, 22.5431), (116.397, 39.909), (121.47, 31.23), (2.35, 48.85) })
        {
            await using var cmd = new NpgsqlCommand("SELECT ST_X(g), ST_Y(g) FROM (SELECT map_wgs84_to_gcj02(ST_SetSRID(ST_MakePoint(@x, @y), 4326)) AS g) q", connection);
            cmd.Parameters.AddWithValue("x", lon);
            cmd.Parameters.AddWithValue("y", lat);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            var expected = Gcj02.FromWgs84(lon, lat);
            Assert.Equal(expected.Lon, r.GetDouble(0), 9);
            Assert.Equal(expected.Lat, r.GetDouble(1), 9);
        }
        // In Shenzhen the published offset is a few hundred metres, east and south.
        var (gx, gy) = Gcj02.FromWgs84(114.0579, 22.5431);
        Assert.InRange((gx - 114.0579) * 102_000, 300, 700);
        Assert.InRange((gy - 22.5431) * 111_000, -400, -100);
    }
}
