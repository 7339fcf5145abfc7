using System.Diagnostics;
using System.Globalization;
using System.Net;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Map;
using Inspections.Infrastructure.Registry;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// The map's tile endpoint against raw SQL for the same tiles, in one run: the app (in-process Kestrel on loopback,
/// signed in as the demo street lead, HTTP GET /api/map/tiles/z/x/y.mvt) on a demo district of N venues, versus the very
/// statement the endpoint runs (<see cref="MapQueries.TileCommand"/>, same scope and status SQL) executed directly, and
/// a bare <c>ST_AsMVT</c> of the stored 3857 points (no status, no scope) as the floor. Tiles: the viewports of a
/// 1366×900 screen on the street's centre at zooms 12–17. Target: endpoint p95 ≤ 1.5 × the raw statement's p95.
/// </summary>
public sealed class TilesBenchmark : IBenchmark
{
    private const double TargetRatio = 1.5;

    public string Name => "tiles";

    public string Description => "seed N venues, time the map tile endpoint over HTTP against the raw ST_AsMVT SQL of the same tiles";

    public string Usage => $"--venues N (100000)  --rounds R (3)  (server: ${TestDatabase.EnvironmentVariable} or the test cluster)";

    public int Run(BenchmarkArgs args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var venues = Math.Max(1500, args.Int("venues", 100_000));
        var rounds = Math.Max(1, args.Int("rounds", 3));
        var clock = Stopwatch.StartNew();
        // Outside a test project there is no content-root manifest: point WebApplicationFactory at the web project.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Inspections.sln")))
        {
            root = root.Parent;
        }
        var webRoot = Path.Combine(root?.FullName ?? Directory.GetCurrentDirectory(), "src", "Inspections.Web");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSPECTIONS_WEB", webRoot);
        var app = new TileBenchApp(venues);
        try
        {
            await app.InitializeAsync();
            return await MeasureAsync(app, rounds, venues, clock);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<int> MeasureAsync(TileBenchApp app, int rounds, int venues, Stopwatch clock)
    {
        Console.WriteLine($"seeded {venues:N0} venues and started the app in {clock.Elapsed.TotalSeconds:F1} s ({app.Database.Name}, {app.BaseUrl})");

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        await TestAccounts.SignInAsync(http, DemoAccounts.StreetLead, DemoAccounts.Password);

        await using var dataSource = NpgsqlDataSource.Create(app.Database.ConnectionString);
        var (streetIds, centre, count) = await StreetAsync(dataSource);
        Console.WriteLine($"street lead's jurisdiction: {streetIds.Length} ids, {count:N0} venues; centre {centre.Lon:F4},{centre.Lat:F4}");
        var scope = new FixedScope(streetIds);
        var queries = new MapQueries(dataSource, scope, Options.Create(new MapOptions()), Options.Create(new RegistryOptions()), TimeProvider.System);

        var tiles = Viewports(centre.Lon, centre.Lat, 12, 17, 1366, 900).ToList();
        Console.WriteLine($"{tiles.Count} tiles (zoom 12–17 viewports), {rounds} rounds, warm-up first");

        var endpoint = new List<double>();
        var statement = new List<double>();
        var floor = new List<double>();
        long endpointBytes = 0, statementBytes = 0;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var set = new NpgsqlCommand("SET max_parallel_workers_per_gather = 0; SET jit = off", connection))
        {
            await set.ExecuteNonQueryAsync();
        }
        var relations = await VenueStatusSql.RelationsAsync(connection, CancellationToken.None);
        for (var round = -1; round < rounds; round++)
        {
            foreach (var (z, x, y) in tiles)
            {
                // Interleaved, so both see the same cache state.
                var t0 = Stopwatch.GetTimestamp();
                var bytes = await http.GetByteArrayAsync($"/api/map/tiles/{z}/{x}/{y}.mvt");
                var e = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;

                t0 = Stopwatch.GetTimestamp();
                await using (var cmd = queries.TileCommand(connection, relations, z, x, y, MapFilter.None, gcj02: false))
                {
                    var raw = (byte[]?)await cmd.ExecuteScalarAsync() ?? [];
                    var s = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (round >= 0)
                    {
                        endpoint.Add(e);
                        statement.Add(s);
                        endpointBytes += bytes.Length;
                        statementBytes += raw.Length;
                    }
                }

                t0 = Stopwatch.GetTimestamp();
                await using (var cmd = new NpgsqlCommand("""
                    SELECT ST_AsMVT(t, 'venues', 4096, 'geom') FROM (
                        SELECT v.id::text AS id, ST_AsMVTGeom(v.location_3857, ST_TileEnvelope(@z, @x, @y), 4096, 64, true) AS geom
                        FROM venues v WHERE v.location_3857 && ST_TileEnvelope(@z, @x, @y, margin => 0.015625)) t
                    """, connection))
                {
                    cmd.Parameters.AddWithValue("z", z);
                    cmd.Parameters.AddWithValue("x", x);
                    cmd.Parameters.AddWithValue("y", y);
                    await cmd.ExecuteScalarAsync();
                    if (round >= 0)
                    {
                        floor.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                }
            }
        }

        var (e50, e95) = (Percentile(endpoint, 50), Percentile(endpoint, 95));
        var (s50, s95) = (Percentile(statement, 50), Percentile(statement, 95));
        var (f50, f95) = (Percentile(floor, 50), Percentile(floor, 95));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"endpoint (HTTP, auth, scope, status)  p50 {e50,7:F2} ms  p95 {e95,7:F2} ms  ({endpointBytes / endpoint.Count / 1024.0:F1} KB/tile)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw statement (same SQL, no HTTP)     p50 {s50,7:F2} ms  p95 {s95,7:F2} ms  ({statementBytes / statement.Count / 1024.0:F1} KB/tile)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare ST_AsMVT (points, no status)     p50 {f50,7:F2} ms  p95 {f95,7:F2} ms"));
        var ratio50 = e50 / Math.Max(s50, 1e-6);
        var ratio95 = e95 / Math.Max(s95, 1e-6);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio endpoint/raw statement: p50 {ratio50:F2}×, p95 {ratio95:F2}× (target p95 ≤ {TargetRatio}×); endpoint/bare p95 {e95 / Math.Max(f95, 1e-6):F2}×"));
        foreach (var z in tiles.Select(t => t.Z).Distinct())
        {
            var idx = tiles.Select((t, i) => (t, i)).Where(p => p.t.Z == z).Select(p => p.i).ToHashSet();
            var ez = endpoint.Where((_, i) => idx.Contains(i % tiles.Count)).ToList();
            var sz = statement.Where((_, i) => idx.Contains(i % tiles.Count)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  z{z,-2} {idx.Count,3} tiles  endpoint p50 {Percentile(ez, 50),6:F2} / p95 {Percentile(ez, 95),6:F2} ms   raw p50 {Percentile(sz, 50),6:F2} / p95 {Percentile(sz, 95),6:F2} ms"));
        }
        return ratio95 <= TargetRatio ? 0 : 1;
    }

    private static async Task<(Guid[] Ids, (double Lon, double Lat) Centre, long Count)> StreetAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH s AS (SELECT j.id FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.user_name = @lead),
            ids AS (SELECT id FROM s UNION SELECT j.id FROM jurisdictions j JOIN s ON j.parent_id = s.id)
            SELECT array_agg(ids.id),
                   (SELECT ST_X(ST_Centroid(ST_Extent(v.location::geometry))) FROM venues v WHERE v.jurisdiction_id IN (SELECT id FROM ids)),
                   (SELECT ST_Y(ST_Centroid(ST_Extent(v.location::geometry))) FROM venues v WHERE v.jurisdiction_id IN (SELECT id FROM ids)),
                   (SELECT count(*) FROM venues v WHERE v.jurisdiction_id IN (SELECT id FROM ids))
            FROM ids
            """);
        cmd.Parameters.AddWithValue("lead", DemoAccounts.StreetLead);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetFieldValue<Guid[]>(0), (r.GetDouble(1), r.GetDouble(2)), r.GetInt64(3));
    }

    /// <summary>The tiles a width×height viewport centred on (lon, lat) needs at each zoom.</summary>
    private static IEnumerable<(int Z, int X, int Y)> Viewports(double lon, double lat, int minZoom, int maxZoom, int width, int height)
    {
        for (var z = minZoom; z <= maxZoom; z++)
        {
            var n = Math.Pow(2, z);
            var rad = lat * Math.PI / 180;
            var px = (lon + 180) / 360 * n * 256;
            var py = (1 - (Math.Log(Math.Tan(rad) + (1 / Math.Cos(rad))) / Math.PI)) / 2 * n * 256;
            for (var x = (int)Math.Floor((px - (width / 2.0)) / 256); x <= (int)Math.Floor((px + (width / 2.0)) / 256); x++)
            {
                for (var y = (int)Math.Floor((py - (height / 2.0)) / 256); y <= (int)Math.Floor((py + (height / 2.0)) / 256); y++)
                {
                    yield return (z, x, y);
                }
            }
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        var rank = p / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    private sealed class FixedScope(Guid[] ids) : IUserScope
    {
        public bool IsUnrestricted => false;

        public IReadOnlyList<Guid> JurisdictionIds => ids;

        public IReadOnlyList<Guid> ReadableJurisdictionIds => ids;
    }

    /// <summary>The app on Kestrel (loopback, random port) with the demo district seeded at start-up.</summary>
    private sealed class TileBenchApp(int venues) : InspectionsWebFactory
    {
        public string BaseUrl { get; private set; } = string.Empty;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seed:DemoOnEmptyDatabase"] = "true",
            ["Seed:Venues"] = venues.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // The start-up seed refreshes the spatial facts of all venues in one statement: more than 30 s on a busy machine.
            ["ConnectionStrings:Inspections"] = Database.ConnectionString + ";Command Timeout=600",
        };

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Inspections", Database.ConnectionString + ";Command Timeout=600");
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            BaseUrl = StartOnKestrel();
        }
    }
}
