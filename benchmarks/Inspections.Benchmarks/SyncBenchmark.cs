using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Infrastructure.Audit;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// The capture sync endpoint (PUT /api/capture/visits/{id}) over HTTP on loopback, the app on in-process Kestrel with a
/// demo district, signed in as the demo police officer; every submission is a full joint visit (police + market
/// supervision items of the venue's pack, photos and three signatures already uploaded, ~15 % with a failed item that
/// drafts a notice). Phase 1: throughput and latency with C concurrent clients (target ≥ 500/s, p99 &lt; 200 ms).
/// Phase 2 (fault run): N submissions, each retried by its client at random (a lost answer), and the database restarted
/// part way; afterwards every visit must be stored exactly once with the client's content hash (0 lost, 0 duplicates).
/// With --cluster private (default) the benchmark runs its own PostgreSQL cluster (initdb in a temp folder, port 55499)
/// and restarts it for real with pg_ctl restart -m fast; --cluster shared uses the test cluster and only terminates the
/// benchmark database's backends (pg_terminate_backend), an approximation that leaves the other users alone.
/// </summary>
public sealed class SyncBenchmark : IBenchmark
{
    public string Name => "sync";

    public string Description => "capture sync: throughput/latency of PUT /api/capture/visits, then a fault run with retries and a database restart";

    public string Usage => "--count N (6000)  --concurrency C (32)  --fault N (10000)  --cluster private|shared (private)  --statements N (0: top N statements of the measured phase from pg_stat_statements, private cluster)";

    /// <summary>INSPECTIONS_SYNC_BENCH_KEEP=1: leave the database and the private cluster for inspection.</summary>
    private static bool Keep => Environment.GetEnvironmentVariable("INSPECTIONS_SYNC_BENCH_KEEP") == "1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public int Run(BenchmarkArgs args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var count = Math.Max(100, args.Int("count", 6000));
        var concurrency = Math.Max(1, args.Int("concurrency", 32));
        var fault = args.Int("fault", 10_000);
        var mode = args.String("cluster") ?? "private";
        var statements = args.Int("statements", 0);
        PrivateCluster? cluster = null;
        if (mode == "private")
        {
            cluster = await PrivateCluster.StartAsync(statements > 0);
            Environment.SetEnvironmentVariable(TestDatabase.EnvironmentVariable, cluster.ConnectionString);
        }
        var app = new SyncBenchApp();
        try
        {
            var clock = Stopwatch.StartNew();
            await app.InitializeAsync();
            Console.WriteLine($"app on {app.BaseUrl}, database {app.Database.Name} ({(cluster is null ? "shared test cluster" : $"private cluster {cluster.DataDir}")}), ready in {clock.Elapsed.TotalSeconds:F1} s");
            var world = await World.CreateAsync(app);
            Console.WriteLine($"{world.Venues.Count} venues of the street, team {world.OfficerIds[0]:N} + {world.OfficerIds[1]:N}");

            using var meter = new CostMeter(cluster?.DataDir);
            var ok = await ThroughputAsync(world, count, concurrency, meter, cluster is null ? null : app.Database.ConnectionString,
                cluster is not null && statements > 0 ? statements : 0);
            if (fault > 0)
            {
                ok &= await FaultRunAsync(world, app, cluster, fault, concurrency, meter);
            }
            return ok ? 0 : 1;
        }
        finally
        {
            if (Keep)
            {
                Console.WriteLine($"database kept: {app.Database.Name}");
            }
            else
            {
                await app.DisposeAsync();
            }
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }
        }
    }

    private static async Task<bool> ThroughputAsync(World world, int count, int concurrency, CostMeter meter, string? lockProbe, int statements)
    {
        // What the process burns with no load (background services, timers), for reading the per-submission figure.
        var (idleApp, idlePostgres, idleLoad) = await IdleAsync(meter);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle: app process {idleApp:F3} cores, PostgreSQL {idlePostgres:F3} cores, load average {idleLoad}"));
        // Warm-up (JIT, pools, caches), not measured. Long enough for the group-commit writer's methods (called once per
        // batch, not per submission) to reach tier 1: with 500 a perf profile of the measured phase still showed the
        // tiered JIT compiler at ≈ 13 % of the machine's CPU.
        await RunLoadAsync(world, world.Prepare(Math.Min(3000, count / 2)), concurrency, null);
        // The runtime promotes hot methods to tier 1 only once no new code has started for a while, so after the first
        // round a perf profile of the measured phase still showed the JIT at ≈ 10 % of the machine for its first seconds.
        // More rounds until one compiles almost nothing (JitInfo counts the methods compiled in this process).
        var rounds = 1;
        for (long compiled = long.MaxValue; compiled > 25 && rounds < 10; rounds++)
        {
            var c0 = JitInfo.GetCompiledMethodCount();
            await RunLoadAsync(world, world.Prepare(1000), concurrency, null);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            compiled = JitInfo.GetCompiledMethodCount() - c0;
        }
        // Bodies are built (serialised and hashed) before the clock starts: the measured CPU is the server's and the HTTP client's.
        var prepared = world.Prepare(count);
        // The runtime's background tier-1 (re)compilation of a large app keeps a core busy for a minute or more after
        // start-up; measuring while it runs charges it to the submissions. Wait (≤ 180 s) until the idle process is quiet.
        var settle = Stopwatch.StartNew();
        double quiet;
        do
        {
            var q0 = meter.Take();
            await Task.Delay(TimeSpan.FromSeconds(2));
            quiet = (meter.Take().AppCpu - q0.AppCpu).TotalSeconds / 2;
        }
        while (quiet > 0.05 && settle.Elapsed < TimeSpan.FromSeconds(180));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"settled after warm-up ({rounds} rounds) in {settle.Elapsed.TotalSeconds:F0} s (idle app process {quiet:F3} cores; background JIT tiering)"));
        if (statements > 0)
        {
            await StatementsAsync(lockProbe!, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", 0);
        }
        var latencies = new ConcurrentBag<double>();
        using var probing = new CancellationTokenSource();
        var probe = lockProbe is null ? Task.FromResult((0, 0.0, 0.0)) : ProbeLocksAsync(lockProbe, probing.Token);
        using var writer = new WriterMeter();
        var before = meter.Take();
        var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var clock = Stopwatch.StartNew();
        var statuses = await RunLoadAsync(world, prepared, concurrency, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount() - jitMethods, JitInfo.GetCompilationTime() - jitTime);
        var after = meter.Take();
        await probing.CancelAsync();
        var (probes, waiting, active) = await probe;
        var sorted = latencies.Order().ToArray();
        var rate = count / seconds;
        var p99 = Percentile(sorted, 99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {count} submissions, {concurrency} clients, {seconds:F2} s → {rate:F0}/s; latency p50 {Percentile(sorted, 50):F1} ms, p95 {Percentile(sorted, 95):F1} ms, p99 {p99:F1} ms, max {sorted[^1]:F1} ms"));
        Console.WriteLine($"  statuses: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Console.WriteLine(CostMeter.Describe(before, after with { RoundTrips = after.RoundTrips - probes }, count, seconds));
        Console.WriteLine(writer.Describe(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  JIT during the measured phase: {jitMethods} methods compiled in {jitTime.TotalMilliseconds:F0} ms"));
        if (probes > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  database sessions (sampled {probes}× from pg_stat_activity): on average {active:F1} running a statement, {waiting:F2} waiting for the audit chain's advisory lock"));
        }
        var (afterApp, afterPostgres, _) = await IdleAsync(meter);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  idle after the run: app process {afterApp:F3} cores, PostgreSQL {afterPostgres:F3} cores"));
        if (statements > 0)
        {
            await StatementsAsync(lockProbe!, """
                SELECT calls, total_exec_time, total_plan_time, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 150)
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time + total_plan_time DESC
                """, statements, count);
        }
        var met = rate >= 500 && p99 < 200 && statuses.Keys.All(k => k == 201);
        Console.WriteLine($"  target ≥ 500/s and p99 < 200 ms: {(met ? "met" : "NOT met")}");
        return met;
    }

    /// <summary>Cores used by the app process and by PostgreSQL (NaN: shared cluster) over 5 s with no load, and the load average.</summary>
    private static async Task<(double App, double Postgres, string Load)> IdleAsync(CostMeter meter)
    {
        var a = meter.Take();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var b = meter.Take();
        var seconds = clock.Elapsed.TotalSeconds;
        return ((b.AppCpu - a.AppCpu).TotalSeconds / seconds, ((b.PostgresCpu - a.PostgresCpu)?.TotalSeconds ?? double.NaN) / seconds, b.Load);
    }

    /// <summary>Runs <paramref name="sql"/>; with <paramref name="top"/> &gt; 0 prints that many pg_stat_statements rows per submission.</summary>
    private static async Task StatementsAsync(string connectionString, string sql, int top, int submissions = 1)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        if (top == 0)
        {
            return;
        }
        Console.WriteLine("  statements (pg_stat_statements, nested included; per submission: calls, exec ms, plan ms, rows):");
        for (var n = 0; n < top && await r.ReadAsync(); n++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(double)r.GetInt64(0) / submissions,6:F2} {r.GetDouble(1) / submissions,7:F3} {r.GetDouble(2) / submissions,6:F3} {(double)r.GetInt64(3) / submissions,6:F1}  {r.GetString(4)}"));
        }
    }

    /// <summary>Samples every 100 ms how many of the app's sessions run a statement and how many wait for an advisory lock (the audit chain).</summary>
    private static async Task<(int Probes, double Waiting, double Active)> ProbeLocksAsync(string connectionString, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), count(*) FILTER (WHERE state = 'active')
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """, c);
        var (n, waiting, active) = (0, 0L, 0L);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using (var r = await cmd.ExecuteReaderAsync(CancellationToken.None))
                {
                    await r.ReadAsync(CancellationToken.None);
                    waiting += r.GetInt64(0);
                    active += r.GetInt64(1);
                    n++;
                }
                await Task.Delay(100, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Measured phase over.
        }
        return (n, n == 0 ? 0 : (double)waiting / n, n == 0 ? 0 : (double)active / n);
    }

    private static async Task<Dictionary<int, int>> RunLoadAsync(World world, Prepared[] prepared, int concurrency, ConcurrentBag<double>? latencies)
    {
        var count = prepared.Length;
        var next = -1;
        var statuses = new ConcurrentDictionary<int, int>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (id, body) = (prepared[i].Id, prepared[i].Content());
                var t0 = Stopwatch.GetTimestamp();
                using var r = await world.Http.PutAsync($"/api/capture/visits/{id}", body);
                latencies?.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                statuses.AddOrUpdate((int)r.StatusCode, 1, (_, n) => n + 1);
                if ((int)r.StatusCode >= 400)
                {
                    Console.WriteLine($"  {(int)r.StatusCode}: {(await r.Content.ReadAsStringAsync())[..Math.Min(300, (int)(r.Content.Headers.ContentLength ?? 300))]}");
                }
            }
        }));
        return new Dictionary<int, int>(statuses);
    }

    private static async Task<bool> FaultRunAsync(World world, SyncBenchApp app, PrivateCluster? cluster, int total, int concurrency, CostMeter meter)
    {
        var submissions = Enumerable.Range(0, total).Select(_ => world.Next()).ToArray();
        var receipts = new ConcurrentDictionary<Guid, string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var random = new ConcurrentDictionary<int, Random>();
        var done = 0;
        var next = -1;
        var restartAt = total / 2;
        var restarted = 0;
        long attempts = 0, retriesAfterSuccess = 0, failures = 0;
        var before = meter.Take();
        var clock = Stopwatch.StartNew();
        Task? restart = null;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var rng = random.GetOrAdd(worker, w => new Random(1000 + w));
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var p = submissions[i];
                var id = p.Id;
                var delay = 50;
                while (true)
                {
                    Interlocked.Increment(ref attempts);
                    string outcome;
                    try
                    {
                        using var r = await world.Http.PutAsync($"/api/capture/visits/{id}", p.Content());
                        outcome = ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture);
                        if (r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            var receipt = (await r.Content.ReadFromJsonAsync<VisitReceipt>(Json))!;
                            receipts[id] = receipt.ContentSha256;
                            statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                            // A client that lost the answer sends the same visit again (20 %), sometimes twice.
                            if (rng.NextDouble() < 0.2)
                            {
                                Interlocked.Increment(ref retriesAfterSuccess);
                                continue;
                            }
                            break;
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        outcome = "network:" + e.HttpRequestError;
                    }
                    statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref failures);
                    await Task.Delay(delay + rng.Next(delay));
                    delay = Math.Min(delay * 2, 2000);
                }
                if (Interlocked.Increment(ref done) == restartAt && Interlocked.Exchange(ref restarted, 1) == 0)
                {
                    restart = Task.Run(async () =>
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        var how = cluster is not null ? await cluster.RestartAsync() : await TerminateBackendsAsync(app.Database.Name);
                        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds:F1} s, {restartAt} done] database {how} in {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:F0} ms");
                    });
                }
            }
        }));
        if (restart is not null)
        {
            await restart;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var after = meter.Take();

        await using var db = NpgsqlDataSource.Create(app.Database.ConnectionString);
        var ids = submissions.Select(s => s.Id).ToArray();
        await using var cmd = db.CreateCommand("""
            SELECT count(*), count(DISTINCT v.id),
                   count(*) FILTER (WHERE v.content_sha256 = c.sha),
                   (SELECT count(*) FROM visit_conflicts vc WHERE vc.visit_id = ANY(@ids)),
                   (SELECT count(*) FROM visit_items vi WHERE vi.visit_id = ANY(@ids)),
                   (SELECT count(*) FROM audit_log a WHERE a.entity_type = 'Visit' AND a.entity_id = ANY(@sids))
            FROM visits v JOIN unnest(@ids, @shas) AS c(id, sha) ON c.id = v.id
            """);
        cmd.Parameters.AddWithValue("ids", ids);
        cmd.Parameters.AddWithValue("shas", submissions.Select(s => s.Hash).ToArray());
        cmd.Parameters.AddWithValue("sids", ids.Select(i => i.ToString()).ToArray());
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (rows, distinct, sameHash, conflicts, items, audits) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
        var expectedItems = submissions.Sum(s => (long)s.Items);
        var lost = total - distinct;
        var duplicates = rows - distinct;
        var receiptMismatch = submissions.Count(s => !receipts.TryGetValue(s.Id, out var h) || h != s.Hash);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fault run: {total} visits, {attempts} requests ({retriesAfterSuccess} client retries after success, {failures} failed attempts retried) in {seconds:F1} s, {concurrency} clients"));
        Console.WriteLine(CostMeter.Describe(before, after, (int)attempts, seconds).Replace("per submission", "per request (restart included)", StringComparison.Ordinal));
        Console.WriteLine($"  answers: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Console.WriteLine($"  stored: {distinct} visits ({lost} lost, {duplicates} duplicates), {sameHash} with the client's content hash, {conflicts} conflicts, " +
                          $"visit_items {items}/{expectedItems}, audit entries {audits}, receipts missing or different: {receiptMismatch}");
        // The audit chain after the restart and the retries: every committed row sealed and the whole chain intact.
        AuditVerification chain;
        using (var scope = app.Services.CreateScope())
        {
            chain = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
        }
        Console.WriteLine($"  audit chain: {chain.Rows} rows, {(chain.Intact ? "intact" : "BROKEN: " + string.Join(", ", chain.Breaks.Take(5)))}");
        var ok = lost == 0 && duplicates == 0 && sameHash == total && conflicts == 0 && items == expectedItems && audits == total && receiptMismatch == 0
                 && chain.Intact;
        Console.WriteLine($"  0 lost and 0 duplicates: {(ok ? "yes" : "NO")}");
        return ok;
    }

    private static async Task<string> TerminateBackendsAsync(string database)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", c);
        cmd.Parameters.AddWithValue("d", database);
        return $"backends terminated ({await cmd.ExecuteScalarAsync()}, pg_terminate_backend — approximation of a restart)";
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    /// <summary>The signed-in officer, the team, the street's venues and the uploaded files every submission uses.</summary>
    private sealed class World
    {
        private readonly Random _random = new(20261123);
        private readonly Lock _lock = new();

        public required HttpClient Http { get; init; }

        public required Guid[] OfficerIds { get; init; }

        public required List<(Guid Id, string Type, double Lat, double Lon)> Venues { get; init; }

        public required Dictionary<string, ChecklistPackDto> Packs { get; init; }

        public required string[] Kinds { get; init; }

        public required string Photo { get; init; }

        public required string[] Signatures { get; init; }

        public static async Task<World> CreateAsync(SyncBenchApp app)
        {
            var handler = new SocketsHttpHandler
            {
                CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 256,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            };
            var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await TestAccounts.SignInAsync(http, DemoAccounts.PoliceOfficer, DemoAccounts.Password);
            var boot = (await http.GetFromJsonAsync<CaptureBootstrap>("/api/capture/bootstrap", Json))!;
            var me = boot.Officers.Single(o => o.Id == boot.User.OfficerId);
            var partner = boot.Officers.First(o => o.DepartmentKind == "MarketSupervision");
            await using var db = NpgsqlDataSource.Create(app.Database.ConnectionString);
            await using var cmd = db.CreateCommand("""
                SELECT v.id, v.type, ST_Y(v.location::geometry), ST_X(v.location::geometry)
                FROM venues v JOIN jurisdictions j ON j.id = v.jurisdiction_id
                WHERE j.parent_id = (SELECT jurisdiction_id FROM users WHERE user_name = @u) ORDER BY v.id
                """);
            cmd.Parameters.AddWithValue("u", DemoAccounts.PoliceOfficer);
            var venues = new List<(Guid, string, double, double)>();
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    venues.Add((r.GetGuid(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3)));
                }
            }
            return new World
            {
                Http = http,
                OfficerIds = [me.Id, partner.Id],
                Venues = venues,
                Packs = boot.Packs.ToDictionary(p => p.VenueType),
                Kinds = [me.DepartmentKind, partner.DepartmentKind],
                Photo = await UploadAsync(http, 1600, 1200),
                Signatures = [await UploadAsync(http, 600, 300), await UploadAsync(http, 600, 300), await UploadAsync(http, 600, 300)],
            };
        }

        private static async Task<string> UploadAsync(HttpClient http, int w, int h)
        {
            byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
                0, 0, (byte)(w >> 8), (byte)w, 0, 0, (byte)(h >> 8), (byte)h, 8, 6, 0, 0, 0, .. RandomNumberGenerator.GetBytes(20_000)];
            var sha = Convert.ToHexStringLower(SHA256.HashData(png));
            using var r = await http.PutAsync($"/api/capture/photos/{sha}", new ByteArrayContent(png));
            r.EnsureSuccessStatusCode();
            return sha;
        }

        public Prepared[] Prepare(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

        public Prepared Next()
        {
            (Guid Id, string Type, double Lat, double Lon) venue;
            bool fail;
            double jitter;
            lock (_lock)
            {
                venue = Venues[_random.Next(Venues.Count)];
                fail = _random.NextDouble() < 0.15;
                jitter = _random.NextDouble();
            }
            var pack = Packs[venue.Type];
            var now = DateTimeOffset.UtcNow;
            var items = pack.Items.Where(i => Kinds.Contains(i.DepartmentKind))
                .Select((i, n) => new ItemResult(i.Id, i.Code, fail && n == 0 ? ItemOutcome.Fail : ItemOutcome.Pass, fail && n == 0 ? "现场查见不符合情形。" : null,
                    fail && n == 0 ? [Photo] : []))
                .ToList();
            var submission = new VisitSubmission(
                venue.Id, null, VisitKind.AdHoc, null, OfficerIds, pack.Id, pack.Version,
                new CheckIn(now.AddMinutes(-40), venue.Lat + (jitter * 0.0005), venue.Lon, 10, null),
                new PersonPresent("王丽", "店长", "11010519491231002X", null), true, true, items, [Photo],
                "检查时场所内有顾客12名。", "无异议。", false, null,
                [new SignatureRef(SignerRole.Officer1, "执法员甲", Signatures[0]), new SignatureRef(SignerRole.Officer2, "执法员乙", Signatures[1]),
                 new SignatureRef(SignerRole.Party, "王丽", Signatures[2])],
                now.AddMinutes(-41), now);
            var (hash, _) = Infrastructure.Capture.SubmissionCanonical.Hash(Infrastructure.Capture.SubmissionCanonical.Normalize(submission));
            return new Prepared(Guid.CreateVersion7(), JsonSerializer.SerializeToUtf8Bytes(submission, Json), hash, items.Count);
        }
    }

    private sealed record Prepared(Guid Id, byte[] Body, string Hash, int Items)
    {
        public HttpContent Content()
        {
            var c = new ByteArrayContent(Body);
            c.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return c;
        }
    }

    /// <summary>A throw-away PostgreSQL cluster owned by the benchmark, so that a real restart disturbs nobody else.</summary>
    private sealed class PrivateCluster
    {
        private const string Bin = "/usr/lib/postgresql/15/bin";
        private const int Port = 55499;

        private PrivateCluster(string dataDir, bool statements)
        {
            DataDir = dataDir;
            _statements = statements;
        }

        private readonly bool _statements;

        public string DataDir { get; }

        // INSPECTIONS_SYNC_BENCH_CS_EXTRA: extra connection string settings for experiments (e.g. "No Reset On Close=true").
        public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Include Error Detail=true;Maximum Pool Size=100;{Environment.GetEnvironmentVariable("INSPECTIONS_SYNC_BENCH_CS_EXTRA")}";

        private string Options => $"-p {Port} -k {DataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB {(_statements ? "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all " : "")}{Environment.GetEnvironmentVariable("INSPECTIONS_SYNC_BENCH_PG_OPTIONS")}";

        public static async Task<PrivateCluster> StartAsync(bool statements)
        {
            var dir = Path.Combine(Path.GetTempPath(), "inspections-sync-bench-" + Environment.ProcessId);
            Directory.CreateDirectory(dir);
            await RunAsync("chown", $"postgres:postgres {dir}");
            await RunAsync("chmod", $"700 {dir}");
            var cluster = new PrivateCluster(dir, statements);
            await RunAsync("runuser", $"-u postgres -- {Bin}/initdb -D {dir} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8");
            await RunAsync("runuser", $"-u postgres -- {Bin}/pg_ctl -D {dir} -l {dir}/log -w -o \"{cluster.Options}\" start");
            return cluster;
        }

        public async Task<string> RestartAsync()
        {
            await RunAsync("runuser", $"-u postgres -- {Bin}/pg_ctl -D {DataDir} -l {DataDir}/log -w -m fast -o \"{Options}\" restart");
            return "restarted (pg_ctl restart -m fast)";
        }

        public async Task StopAsync()
        {
            if (Keep)
            {
                Console.WriteLine($"cluster kept running: {DataDir}, port {Port}");
                return;
            }
            await RunAsync("runuser", $"-u postgres -- {Bin}/pg_ctl -D {DataDir} -w -m fast stop");
            Directory.Delete(DataDir, recursive: true);
        }

        private static async Task RunAsync(string file, string arguments)
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode}): {await stderr}{await stdout}");
            }
        }
    }

    /// <summary>The app on Kestrel (loopback, random port) with the demo district and accounts seeded at start-up.</summary>
    private sealed class SyncBenchApp : InspectionsWebFactory
    {
        public string BaseUrl { get; private set; } = string.Empty;

        private readonly string _photos = Path.Combine(Path.GetTempPath(), "inspections-sync-bench-photos-" + Environment.ProcessId);

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seed:DemoOnEmptyDatabase"] = "true",
            ["Capture:PhotoRoot"] = _photos,
            ["Planning:RegisterRecurringJobs"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            BaseUrl = StartOnKestrel();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_photos))
            {
                Directory.Delete(_photos, recursive: true);
            }
        }
    }
}

/// <summary>Sums the group-commit writer's instruments (batches, visits per batch, milliseconds per phase).</summary>
internal sealed class WriterMeter : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _phases = new();
    private long _batches;
    private long _visits;

    public WriterMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Infrastructure.Capture.VisitWriter.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _visits, value);
        });
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var t in tags)
            {
                if (t.Key == "phase" && t.Value is string phase)
                {
                    _phases.AddOrUpdate(phase, value, (_, s) => s + value);
                }
            }
        });
        _listener.Start();
    }

    public string Describe(double seconds)
    {
        var batches = Interlocked.Read(ref _batches);
        if (batches == 0)
        {
            return "  group commit: no batches (off?)";
        }
        double Per(string p) => _phases.GetValueOrDefault(p) / batches;
        return string.Create(CultureInfo.InvariantCulture,
            $"  group commit: {batches} batches, {(double)Interlocked.Read(ref _visits) / batches:F1} visits each, writer busy {_phases.GetValueOrDefault("total") / 1000 / seconds:P0} of the time; "
            + $"ms per batch: open {Per("open"):F1}, one batch (lock uploads, insert visits/items/photos/signatures/staged notices/audit) {Per("insert"):F1}, handlers run in the transaction {Per("handlers"):F1}, commit {Per("commit"):F1}, total {Per("total"):F1}");
    }

    public void Dispose() => _listener.Dispose();
}
