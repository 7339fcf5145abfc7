using System.Diagnostics;
using Inspections.Domain.Capture;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification;
using Inspections.Infrastructure.Rectification.Persistence;
using Inspections.Infrastructure.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Seed;

/// <summary>
/// Writes a demo district in one transaction with binary COPY,
/// then <see cref="SpatialFacts"/> derives every venue's community, nearest school and distance-rule breaches in PostGIS.
/// </summary>
[method: ActivatorUtilitiesConstructor]
public sealed class DemoDistrictSeeder(
    IOptionsMonitor<RegistryOptions> registryOptions,
    ILogger<DemoDistrictSeeder>? logger = null,
    IOptionsMonitor<RectificationOptions>? rectificationOptions = null)
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Advisory lock key serialising concurrent "seed if empty" calls, e.g. several app instances starting at once.</summary>
    private const long SeedLockKey = 0x5EED_D157_2026;

    private readonly ILogger _logger = logger ?? NullLogger<DemoDistrictSeeder>.Instance;

    /// <summary>Uses the default registry options (national distance rules).</summary>
    public DemoDistrictSeeder()
        : this(new StaticOptionsMonitor<RegistryOptions>(new RegistryOptions()))
    {
    }

    public Task SeedAsync(InspectionsDbContext db, DemoDistrictOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SeedAsync(db, new DemoDistrictGenerator(options).Generate(), ct);
    }

    public Task SeedAsync(InspectionsDbContext db, DemoDistrict district, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(district);
        return SeedDistrictAsync(db, district, ct);
    }

    private async Task SeedDistrictAsync(InspectionsDbContext db, DemoDistrict district, CancellationToken ct)
    {
        await EnsurePacksAsync(db, district.Options, ct);
        await InTransactionAsync(db, async () =>
        {
            await WriteAsync(db, district, ct);
            return true;
        }, ct);
    }

    /// <summary>Seeds only when the database has no jurisdictions yet; returns whether it seeded.</summary>
    public Task<bool> SeedIfEmptyAsync(InspectionsDbContext db, DemoDistrictOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        return SeedIfEmptyCoreAsync(db, options, ct);
    }

    private async Task<bool> SeedIfEmptyCoreAsync(InspectionsDbContext db, DemoDistrictOptions options, CancellationToken ct)
    {
        await EnsurePacksAsync(db, options, ct);
        return await InTransactionAsync(db, async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
            if (await db.Jurisdictions.AnyAsync(ct))
            {
                _logger.LogInformation("Demo district not seeded: the database already has jurisdictions");
                return false;
            }
            await WriteAsync(db, new DemoDistrictGenerator(options).Generate(), ct);
            return true;
        }, ct);
    }

    private static async Task<bool> InTransactionAsync(InspectionsDbContext db, Func<Task<bool>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        });
    }

    private async Task WriteAsync(InspectionsDbContext db, DemoDistrict district, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await BinaryCopy.WriteAsync(db, connection, district.Jurisdictions, ct);
            await BinaryCopy.WriteAsync(db, connection, district.Departments, ct);
            await BinaryCopy.WriteAsync(db, connection, district.Officers, ct);
            await BinaryCopy.WriteAsync(db, connection, district.Schools, ct);
            await AnalyzeAsync<Jurisdiction>(db, ct);
            await AnalyzeAsync<School>(db, ct);

            var venueTable = BinaryCopy.TableName<Venue>(db);
            var deferred = await db.Venues.AnyAsync(ct) ? [] : await DropSecondaryIndexesAsync(db, venueTable, ct);
            await BinaryCopy.WriteAsync(db, connection, district.Venues, ct);
            var copyMs = clock.ElapsedMilliseconds;

            await new SpatialFacts(db, registryOptions).RefreshVenuesAsync(null, ct);
            var factsMs = clock.ElapsedMilliseconds;

            if (deferred.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
                foreach (var definition in deferred)
                {
                    await db.Database.ExecuteSqlRawAsync(definition, ct);
                }
            }
            await AnalyzeAsync<Venue>(db, ct);
            var historyMs = clock.ElapsedMilliseconds;
            if (district.Options.History)
            {
                await WriteHistoryAsync(db, connection, district, ct);
            }
            historyMs = clock.ElapsedMilliseconds - historyMs;
            _logger.LogInformation(
                "Seeded demo district: {Jurisdictions} jurisdictions, {Departments} departments, {Officers} officers, {Schools} schools, {Venues} venues in {Ms} ms (copy {CopyMs} ms, spatial facts {FactsMs} ms, {Indexes} venue indexes rebuilt {IndexMs} ms, history {HistoryMs} ms)",
                district.Streets.Count + district.Communities.Count, district.Departments.Count, district.Officers.Count,
                district.Schools.Count, district.Venues.Count, clock.ElapsedMilliseconds, copyMs, factsMs - copyMs,
                deferred.Count, clock.ElapsedMilliseconds - factsMs - historyMs, historyMs);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The history answers the current checklist packs: loads them from seed/checklists (through the same service the
    /// application's startup uses) when none are current. Runs before the seeding transaction, which the pack loader
    /// cannot join; inside a caller's transaction the packs must already be there.
    /// </summary>
    private async Task EnsurePacksAsync(InspectionsDbContext db, DemoDistrictOptions options, CancellationToken ct)
    {
        if (!options.History || db.Database.CurrentTransaction is not null
            || await db.Set<ChecklistPack>().IgnoreQueryFilters().AnyAsync(p => p.IsCurrent, ct))
        {
            return;
        }
        var packs = new ChecklistPacks(db, new SystemUser(), TimeProvider.System, Options.Create(new CaptureOptions()), NullLogger<ChecklistPacks>.Instance);
        var added = await packs.SeedAsync(ct);
        _logger.LogInformation("Loaded {Count} checklist packs for the demo history", added);
    }

    /// <summary>
    /// Six months of visits and rectification notices (<see cref="DemoHistoryBuilder"/>), written with COPY in the
    /// seeding transaction; the notice counters end at the last serial used so real issues continue the series.
    /// </summary>
    private async Task WriteHistoryAsync(InspectionsDbContext db, NpgsqlConnection connection, DemoDistrict district, CancellationToken ct)
    {
        var packs = await db.Set<ChecklistPack>().IgnoreQueryFilters().AsNoTracking().Include(p => p.Items)
            .Where(p => p.IsCurrent).ToListAsync(ct);
        if (packs.Count == 0)
        {
            _logger.LogWarning("Demo history not written: no current checklist packs");
            return;
        }
        var ids = district.Venues.Select(v => v.Id).ToList();
        var communities = await db.Venues.IgnoreQueryFilters().AsNoTracking()
            .Where(v => ids.Contains(v.Id) && v.JurisdictionId != null)
            .Select(v => new { v.Id, v.JurisdictionId })
            .ToDictionaryAsync(v => v.Id, v => v.JurisdictionId!.Value, ct);
        var counters = await db.Set<NoticeNumberCounter>().AsNoTracking().ToDictionaryAsync(c => (c.IssuingAuthority, c.Year), c => c.NextSerial, ct);
        var rectification = rectificationOptions?.CurrentValue ?? new RectificationOptions();
        var today = district.Options.HistoryToday ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Beijing).DateTime);
        var history = new DemoHistoryBuilder(district, communities, packs.ToDictionary(p => p.VenueType), today, rectification.Texts(), rectification.NumberFormat)
            .Build(counters);

        await BinaryCopy.WriteAsync(db, connection, history.Visits, ct);
        await BinaryCopy.WriteAsync(db, connection, history.VisitItems, ct);
        await BinaryCopy.WriteAsync(db, connection, history.Notices, ct);
        await BinaryCopy.WriteAsync(db, connection, history.NoticeItems, ct);
        await BinaryCopy.WriteAsync(db, connection, history.Escalations, ct);
        foreach (var ((authority, year), next) in history.NextSerials)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notice_number_counters (issuing_authority, year, next_serial) VALUES ({authority}, {year}, {next})
                ON CONFLICT (issuing_authority, year) DO UPDATE SET next_serial = GREATEST(notice_number_counters.next_serial, EXCLUDED.next_serial)
                """, ct);
        }
        // The domain stamps creation with the clock; the history's rows were "created" when they happened.
        var backdate = $"UPDATE {BinaryCopy.TableName<Domain.Rectification.RectificationNotice>(db)} SET created_at = inspected_at WHERE created_at > inspected_at";
        await db.Database.ExecuteSqlRawAsync(backdate, ct);
        await AnalyzeAsync<Visit>(db, ct);
        await AnalyzeAsync<Domain.Rectification.RectificationNotice>(db, ct);
        _logger.LogInformation(
            "Demo history: {Visits} visits ({Items} answers), {Notices} notices, {Escalations} escalations up to {Today}",
            history.Visits.Count, history.VisitItems.Count, history.Notices.Count, history.Escalations.Count, today);
    }

    /// <summary>
    /// Drops the indexes that back no constraint and returns their definitions. Loading and then updating every row
    /// of an empty table is several times faster without per-row upkeep of the trigram and spatial indexes; they are
    /// rebuilt from the catalog's own definitions in the same transaction, so the schema ends up unchanged.
    /// </summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(InspectionsDbContext db, string table, CancellationToken ct)
    {
        var indexes = await db.Database.SqlQuery<IndexDefinition>(
                $"""
                SELECT i.indexrelid::regclass::text AS "Name", pg_get_indexdef(i.indexrelid) AS "Definition"
                FROM pg_index i
                WHERE i.indrelid = to_regclass({table}) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY 1
                """)
            .ToListAsync(ct);
        foreach (var index in indexes)
        {
            var sql = $"DROP INDEX {index.Name}";
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        return [.. indexes.Select(i => i.Definition)];
    }

    /// <summary>Fresh statistics so the spatial joins that follow a bulk load use their indexes.</summary>
    private static Task AnalyzeAsync<T>(InspectionsDbContext db, CancellationToken ct)
        where T : class
    {
        var sql = $"ANALYZE {BinaryCopy.TableName<T>(db)}";
        return db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    private sealed record IndexDefinition(string Name, string Definition);
}
