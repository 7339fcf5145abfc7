using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Infrastructure.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using NetTopologySuite.Geometries;

namespace Inspections.Infrastructure.Audit;

/// <summary>
/// Adds an <see cref="AuditEntry"/> for every created, updated or deleted record to the same SaveChanges, so the
/// audit row commits or rolls back with the change it describes. Personal ID numbers are stored masked,
/// secrets and file contents not at all.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser user, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Content",
    };

    /// <summary>
    /// Entity types whose rows are bulk by-products, audited through their parent instead. Children of an aggregate
    /// audited as a whole (a visit's items, photos and signatures) are marked <see cref="IAuditedThroughAggregate"/>
    /// instead: the root's Created entry counts them.
    /// </summary>
    private static readonly HashSet<string> NotAudited = new(StringComparer.Ordinal)
    {
        nameof(AuditEntry), "VenueImportRow", "IdentityUserToken`1", "IdentityUserLogin`1",
        // Capture: content-addressed uploaded files; a visit's entry names the ones it uses through its content hash.
        "CaptureBlob",
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => IsAudited(e.Metadata))
            .ToList();
        foreach (var entry in entries)
        {
            var audit = Describe(entry, now);
            if (audit is null)
            {
                continue;
            }
            db.Add(audit);
        }
    }

    /// <summary>Whether SaveChanges writes entries for rows of <paramref name="type"/> (see <see cref="NotAudited"/>).</summary>
    public static bool IsAudited(IEntityType type) =>
        !type.IsOwned() && !NotAudited.Contains(type.ClrType.Name) && !typeof(IAuditedThroughAggregate).IsAssignableFrom(type.ClrType);

    /// <summary>
    /// The entry a SaveChanges would write for <paramref name="entity"/> as a new row, for writers that insert without
    /// the change tracker (the capture sync's group commit, ADR 21): the same properties, masking and child counts.
    /// </summary>
    public AuditEntry Created(IEntityType type, object entity) => Entry(
        type, EntityState.Added, clock.GetUtcNow(),
        type.GetProperties().Select(p => (p, p.GetGetter().GetClrValue(entity), (object?)null, true)),
        type.GetNavigations().Where(n => n.IsCollection).Select(n => (n.TargetEntityType.ClrType, n.Name, n.GetGetter().GetClrValue(entity))),
        type.FindPrimaryKey()?.Properties.Select(k => k.GetGetter().GetClrValue(entity)?.ToString()) ?? [])!;

    private AuditEntry? Describe(EntityEntry entry, DateTimeOffset now) => Entry(
        entry.Metadata, entry.State, now,
        entry.Properties.Select(p => ((IProperty)p.Metadata, p.CurrentValue, p.OriginalValue, p.IsModified)),
        entry.Collections.Select(c => (c.Metadata.TargetEntityType.ClrType, c.Metadata.Name, (object?)c.CurrentValue)),
        entry.Metadata.FindPrimaryKey()?.Properties.Select(k => entry.Property(k.Name).CurrentValue?.ToString()) ?? []);

    private AuditEntry? Entry(
        IEntityType type, EntityState state, DateTimeOffset now,
        IEnumerable<(IProperty Metadata, object? Current, object? Original, bool IsModified)> properties,
        IEnumerable<(Type Target, string Name, object? Value)> collections,
        IEnumerable<string?> key)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var p in properties)
        {
            var name = p.Metadata.Name;
            if (Secret.Contains(name) || p.Metadata.ClrType == typeof(byte[]))
            {
                continue;
            }
            if (p.Metadata.IsConcurrencyToken && p.Metadata.ClrType == typeof(uint))
            {
                continue;
            }
            switch (state)
            {
                case EntityState.Added:
                    after[JsonName(name)] = Value(name, p.Current);
                    break;
                case EntityState.Deleted:
                    before[JsonName(name)] = Value(name, p.Original);
                    break;
                case EntityState.Modified when p.IsModified && !p.Metadata.GetValueComparer().Equals(p.Original, p.Current) && name != "UpdatedAt":
                    before[JsonName(name)] = Value(name, p.Original);
                    after[JsonName(name)] = Value(name, p.Current);
                    break;
            }
        }
        if (state == EntityState.Added)
        {
            // An aggregate audited as a whole: how many child rows of each kind were created with it ("itemsCount": 8).
            foreach (var (target, name, value) in collections)
            {
                if (typeof(IAuditedThroughAggregate).IsAssignableFrom(target) && value is System.Collections.ICollection collection)
                {
                    after[JsonName(name) + "Count"] = collection.Count;
                }
            }
        }
        if (state == EntityState.Modified && after.Count == 0)
        {
            return null;
        }
        return new AuditEntry
        {
            At = now,
            UserName = user.UserName,
            EntityType = type.ClrType.Name,
            EntityId = string.Join("/", key),
            Action = state switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Deleted => AuditActions.Deleted,
                _ => AuditActions.Updated,
            },
            Before = state == EntityState.Added ? null : before.ToJsonString(),
            After = state == EntityState.Deleted ? null : after.ToJsonString(),
        };
    }

    private static string JsonName(string property) =>
        property.StartsWith('_') ? property.TrimStart('_') : JsonNamingPolicy.CamelCase.ConvertName(property);

    private static JsonNode? Value(string property, object? value) => value switch
    {
        null => null,
        string s when property.Contains("IdNumber", StringComparison.Ordinal) && !property.Contains("Enforcement", StringComparison.Ordinal) => ResidentId.Mask(s),
        string s => s,
        Geometry g => g.AsText(),
        Enum e => e.ToString(),
        bool b => b,
        int i => i,
        long l => l,
        double d => d,
        decimal m => m,
        Guid g => g.ToString(),
        DateTimeOffset t => t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), AuditJson.Options),
    };
}

internal static class AuditJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
