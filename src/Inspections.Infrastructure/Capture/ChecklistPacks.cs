using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Capture;

/// <summary>The file format of <c>seed/checklists/*.json</c> and of the administrator's "new version" request.</summary>
public sealed record ChecklistPackFile(string VenueType, int Version, string TitleZh, string TitleEn, IReadOnlyList<ChecklistItemFile> Items);

/// <summary>What identifies a pack version: immutable once written (only "current" changes, and this does not carry it).</summary>
public sealed record PackHeader(Guid Id, int Version, VenueType VenueType);

public sealed record ChecklistItemFile(
    string Code,
    int SortOrder,
    string TextZh,
    string TextEn,
    string DepartmentKind,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRangeZh,
    string Severity,
    int DefaultDeadlineDays,
    string? RequirementZh);

/// <summary>Checklist packs: seeding from files, the current versions for the tablet, and new versions by administrators.</summary>
public sealed class ChecklistPacks(InspectionsDbContext db, ICurrentUser user, TimeProvider clock, IOptions<CaptureOptions> options, ILogger<ChecklistPacks> logger)
{
    public static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    // Pack versions never change once written, so their items are cached by pack id for the sync path.
    private static readonly ConcurrentDictionary<Guid, IReadOnlyList<ChecklistItem>> ItemCache = new();

    private static readonly ConcurrentDictionary<Guid, PackHeader> HeaderCache = new();

    /// <summary>Loads every pack file whose (venue type, version) is not in the database yet. Returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var added = 0;
        foreach (var (name, file) in ReadFiles())
        {
            if (!Enum.TryParse<VenueType>(file.VenueType, out var type))
            {
                logger.LogWarning("Checklist file {File}: unknown venue type {Type}", name, file.VenueType);
                continue;
            }
            if (await db.Set<ChecklistPack>().AnyAsync(p => p.VenueType == type && p.Version == file.Version, ct))
            {
                continue;
            }
            var newer = await db.Set<ChecklistPack>().AnyAsync(p => p.VenueType == type && p.Version > file.Version, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pack = Build(file, type, "seed");
            if (newer)
            {
                pack.Retire();
            }
            else
            {
                await RetireCurrentAsync(type, ct);
            }
            db.Add(pack);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                added++;
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                // Another instance seeded the same version at the same moment.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        if (added > 0)
        {
            logger.LogInformation("Checklist packs: {Count} loaded", added);
        }
        return added;
    }

    /// <summary>The current version of every venue type's pack.</summary>
    public async Task<IReadOnlyList<ChecklistPackDto>> CurrentAsync(CancellationToken ct)
    {
        var packs = await db.Set<ChecklistPack>().AsNoTracking().Include(p => p.Items).Where(p => p.IsCurrent)
            .OrderBy(p => p.VenueType).ToListAsync(ct);
        return [.. packs.Select(ToDto)];
    }

    public async Task<ChecklistPackDto?> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<ChecklistPack>().AsNoTracking().Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? ToDto(p) : null;

    /// <summary>All versions of one venue type, newest first.</summary>
    public async Task<IReadOnlyList<ChecklistPackDto>> VersionsAsync(VenueType type, CancellationToken ct)
    {
        var packs = await db.Set<ChecklistPack>().AsNoTracking().Include(p => p.Items).Where(p => p.VenueType == type)
            .OrderByDescending(p => p.Version).ToListAsync(ct);
        return [.. packs.Select(ToDto)];
    }

    /// <summary>
    /// Publishes the next version of a venue type's pack and makes it current. Old versions stay (visits point at their
    /// items). <paramref name="expectedCurrentVersion"/> guards against two administrators publishing at once.
    /// </summary>
    public async Task<ChecklistPackDto> PublishAsync(VenueType type, int expectedCurrentVersion, ChecklistPackFile file, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<ChecklistPack>().Where(p => p.VenueType == type).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        if (current != expectedCurrentVersion)
        {
            throw new DomainException("version.stale", $"The current version is {current}, not {expectedCurrentVersion}; reload and edit again.");
        }
        var pack = Build(file with { Version = current + 1 }, type, user.UserName);
        await RetireCurrentAsync(type, ct);
        db.Add(pack);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToDto(pack);
    }

    /// <summary>Id, version and venue type of a pack version (cached; these never change once written); null when there is none.</summary>
    public async Task<PackHeader?> HeaderAsync(Guid packId, CancellationToken ct)
    {
        if (HeaderCache.TryGetValue(packId, out var header))
        {
            return header;
        }
        header = await db.Set<ChecklistPack>().AsNoTracking().Where(p => p.Id == packId)
            .Select(p => new PackHeader(p.Id, p.Version, p.VenueType)).FirstOrDefaultAsync(ct);
        if (header is not null)
        {
            HeaderCache[packId] = header;
        }
        return header;
    }

    /// <summary>The items of a pack version (cached; versions are immutable).</summary>
    public async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(Guid packId, CancellationToken ct)
    {
        if (ItemCache.TryGetValue(packId, out var items))
        {
            return items;
        }
        items = await db.Set<ChecklistItem>().AsNoTracking().Where(i => i.PackId == packId).OrderBy(i => i.SortOrder).ToListAsync(ct);
        if (items.Count > 0)
        {
            ItemCache[packId] = items;
        }
        return items;
    }

    public static ChecklistPackDto ToDto(ChecklistPack p) => new(
        p.Id, p.VenueType.ToString(), p.Version, p.TitleZh, p.TitleEn,
        [.. p.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal).Select(ToDto)]);

    public static ChecklistItemDto ToDto(ChecklistItem i) => new(
        i.Id, i.Code, i.SortOrder, i.TextZh, i.TextEn, i.DepartmentKind.ToString(), i.LegalBasis, i.PenaltyBasis, i.PenaltyRangeZh,
        i.Severity.ToString(), i.DefaultDeadlineDays, i.RequirementZh);

    /// <summary>Parses and checks a pack file; a <see cref="DomainException"/> names the first bad field.</summary>
    public ChecklistPack Build(ChecklistPackFile file, VenueType type, string? by)
    {
        if (file.Items is not { Count: > 0 })
        {
            throw new DomainException("items.required", "A pack needs at least one item.");
        }
        var pack = new ChecklistPack(Guid.CreateVersion7(), type, file.Version, file.TitleZh, file.TitleEn, clock.GetUtcNow());
        pack.SetPublishedBy(by);
        for (var n = 0; n < file.Items.Count; n++)
        {
            var i = file.Items[n];
            if (!Enum.TryParse<DepartmentKind>(i.DepartmentKind, out var dept) || !Enum.IsDefined(dept))
            {
                throw new DomainException($"items[{n}].departmentKind.invalid", $"Unknown department kind '{i.DepartmentKind}'.");
            }
            if (!Enum.TryParse<ItemSeverity>(i.Severity, out var severity) || !Enum.IsDefined(severity))
            {
                throw new DomainException($"items[{n}].severity.invalid", $"Unknown severity '{i.Severity}' (Minor, Major, Critical).");
            }
            pack.AddItem(new ChecklistItemData(i.Code, i.SortOrder, i.TextZh, i.TextEn, dept, i.LegalBasis, i.PenaltyBasis, i.PenaltyRangeZh,
                severity, i.DefaultDeadlineDays, i.RequirementZh));
        }
        return pack;
    }

    private async Task RetireCurrentAsync(VenueType type, CancellationToken ct)
    {
        await db.Set<ChecklistPack>().Where(p => p.VenueType == type && p.IsCurrent)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsCurrent, false), ct);
    }

    private IEnumerable<(string Name, ChecklistPackFile File)> ReadFiles()
    {
        var folder = options.Value.ChecklistFolder;
        if (!string.IsNullOrWhiteSpace(folder) && Directory.Exists(folder))
        {
            foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                yield return (Path.GetFileName(path), Parse(File.ReadAllText(path), path));
            }
            yield break;
        }
        var assembly = typeof(ChecklistPacks).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("checklists/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name, Parse(reader.ReadToEnd(), name));
        }
    }

    private static ChecklistPackFile Parse(string json, string name) =>
        JsonSerializer.Deserialize<ChecklistPackFile>(json, FileJson) ?? throw new InvalidOperationException($"Checklist file {name} is empty.");
}
