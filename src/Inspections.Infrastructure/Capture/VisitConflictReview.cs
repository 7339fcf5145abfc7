using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using SignerRole = Inspections.Capture.Contracts.SignerRole;

namespace Inspections.Infrastructure.Capture;

/// <summary>Which conflicts a list shows.</summary>
public enum ConflictListStatus
{
    Open,
    Resolved,
}

/// <summary>One row of the review list.</summary>
public sealed record VisitConflictSummary(
    Guid Id,
    Guid VisitId,
    Guid VenueId,
    string? VenueName,
    string? SubmittedBy,
    DateTimeOffset ReceivedAt,
    DateTimeOffset VisitSubmittedAt,
    string? VisitSubmittedBy,
    IReadOnlyList<string> Officers,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    ConflictDecision? Decision);

public sealed record VisitConflictPage(int Total, int Page, int PageSize, IReadOnlyList<VisitConflictSummary> Items);

/// <summary>
/// One difference between the stored and the rejected version. <see cref="Section"/>: Visit, CheckIn, PersonPresent,
/// Item, Findings, PartyComments, Signature; <see cref="Key"/>: the item code or signer role; <see cref="Field"/>: the
/// property (for an item or signature present in only one version: <c>presence</c>). Values are display strings,
/// null when absent.
/// </summary>
public sealed record ConflictDifference(string Path, string Section, string? Key, string? Label, string Field, string? Stored, string? Rejected);

/// <summary>Both versions of a conflicting submission (canonical content, ID number masked), their differences and the resolution.</summary>
public sealed record VisitConflictDetails(
    Guid Id,
    Guid VisitId,
    Guid VenueId,
    string? VenueName,
    string? VenueAddress,
    IReadOnlyList<string> Officers,
    string StoredSha256,
    DateTimeOffset StoredReceivedAt,
    string? StoredSubmittedBy,
    VisitSubmission Stored,
    string RejectedSha256,
    DateTimeOffset ReceivedAt,
    string? SubmittedBy,
    VisitSubmission Rejected,
    IReadOnlyList<ConflictDifference> Differences,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    ConflictDecision? Decision,
    string? Note,
    uint Version);

public enum ResolveOutcome
{
    Resolved,
    NotFound,
    PreconditionRequired,
    AlreadyResolved,
    Stale,
}

/// <summary>
/// Review of <c>visit_conflicts</c> (issue 5, ADR 12): list, both versions with a field-by-field difference, and the
/// resolution (who, when, decision, note) — once, with optimistic concurrency (xmin), audited by the interceptor as an
/// update of the conflict. Scoped by the stored visit's jurisdiction through the query filters: a conflict on a visit
/// outside the user's jurisdictions is not found. The stored visit is never replaced (a correction is a new visit).
/// </summary>
public sealed class VisitConflictReview(InspectionsDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public Task<int> OpenCountAsync(CancellationToken ct) =>
        db.Set<VisitConflict>().AsNoTracking().CountAsync(c => c.ResolvedAt == null, ct);

    public async Task<VisitConflictPage> ListAsync(ConflictListStatus status, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var q = db.Set<VisitConflict>().AsNoTracking()
            .Where(c => status == ConflictListStatus.Open ? c.ResolvedAt == null : c.ResolvedAt != null)
            .Join(db.Set<Visit>(), c => c.VisitId, v => v.Id, (c, v) => new { c, v });
        var total = await q.CountAsync(ct);
        var ordered = status == ConflictListStatus.Open
            ? q.OrderByDescending(x => x.c.ReceivedAt).ThenBy(x => x.c.Id)
            : q.OrderByDescending(x => x.c.ResolvedAt).ThenBy(x => x.c.Id);
        var rows = await ordered
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.c.Id,
                x.c.VisitId,
                x.v.VenueId,
                VenueName = db.Venues.Where(venue => venue.Id == x.v.VenueId).Select(venue => venue.Name).FirstOrDefault(),
                x.c.SubmittedBy,
                x.c.ReceivedAt,
                VisitSubmittedAt = x.v.SubmittedAt,
                VisitSubmittedBy = x.v.SubmittedBy,
                x.v.OfficerIds,
                x.c.ResolvedAt,
                x.c.ResolvedBy,
                x.c.Decision,
            })
            .ToListAsync(ct);
        var names = await OfficerNamesAsync([.. rows.SelectMany(r => r.OfficerIds)], ct);
        return new VisitConflictPage(total, page, pageSize, [.. rows.Select(r => new VisitConflictSummary(
            r.Id, r.VisitId, r.VenueId, r.VenueName, r.SubmittedBy, r.ReceivedAt, r.VisitSubmittedAt, r.VisitSubmittedBy,
            [.. r.OfficerIds.Select(o => names.GetValueOrDefault(o, o.ToString()))], r.ResolvedAt, r.ResolvedBy, r.Decision))]);
    }

    public async Task<VisitConflictDetails?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<VisitConflict>().AsNoTracking().Where(c => c.Id == id)
            .Join(db.Set<Visit>(), c => c.VisitId, v => v.Id, (c, v) => new
            {
                Conflict = c,
                v.VenueId,
                v.ServerReceivedAt,
                v.SubmittedBy,
                v.OfficerIds,
                Venue = db.Venues.Where(x => x.Id == v.VenueId).Select(x => new { x.Name, x.Address }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var c = row.Conflict;
        var stored = VisitConflictDiff.Parse(c.StoredContent);
        var rejected = VisitConflictDiff.Parse(c.RejectedContent);
        var itemIds = stored.Items.Concat(rejected.Items).Select(i => i.ItemId).Distinct().ToList();
        var texts = await db.Set<ChecklistItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.TextZh }).ToDictionaryAsync(i => i.Id, i => i.TextZh, ct);
        var officerIds = row.OfficerIds.Concat(stored.OfficerIds).Concat(rejected.OfficerIds).Distinct().ToList();
        var names = await OfficerNamesAsync(officerIds, ct);
        var differences = VisitConflictDiff.Compare(stored, rejected, itemId => texts.GetValueOrDefault(itemId), officerId => names.GetValueOrDefault(officerId));
        return new VisitConflictDetails(
            c.Id, c.VisitId, row.VenueId, row.Venue?.Name, row.Venue?.Address,
            [.. row.OfficerIds.Select(o => names.GetValueOrDefault(o, o.ToString()))],
            c.StoredSha256.Trim(), row.ServerReceivedAt, row.SubmittedBy, stored,
            c.RejectedSha256.Trim(), c.ReceivedAt, c.SubmittedBy, rejected,
            differences, c.ResolvedAt, c.ResolvedBy, c.Decision, c.Note, c.Version);
    }

    /// <summary>
    /// Resolves the conflict once. The caller has validated the decision and note (400); here: not found (scope),
    /// If-Match missing, already resolved (whatever the version), stale version, or a concurrent resolution (412).
    /// Throws <see cref="DomainException"/> only for a note the caller let through.
    /// </summary>
    public async Task<(ResolveOutcome Outcome, uint CurrentVersion)> ResolveAsync(
        Guid id, bool ifMatchPresent, uint? expectedVersion, ConflictDecision decision, string note, CancellationToken ct)
    {
        var conflict = await db.Set<VisitConflict>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (conflict is null)
        {
            return (ResolveOutcome.NotFound, 0);
        }
        if (!ifMatchPresent)
        {
            return (ResolveOutcome.PreconditionRequired, conflict.Version);
        }
        if (conflict.IsResolved)
        {
            return (ResolveOutcome.AlreadyResolved, conflict.Version);
        }
        if (expectedVersion != conflict.Version)
        {
            return (ResolveOutcome.Stale, conflict.Version);
        }
        conflict.Resolve(decision, note, user.UserName, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<VisitConflict>().AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.Version, c.ResolvedAt }).SingleOrDefaultAsync(ct);
            return current?.ResolvedAt is not null
                ? (ResolveOutcome.AlreadyResolved, current.Version)
                : (ResolveOutcome.Stale, current?.Version ?? 0);
        }
        return (ResolveOutcome.Resolved, conflict.Version);
    }

    private async Task<Dictionary<Guid, string>> OfficerNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var distinct = ids.Distinct().ToList();
        return await db.Officers.AsNoTracking().Where(o => distinct.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}

/// <summary>
/// The field-by-field difference of two canonical submissions (<see cref="SubmissionCanonical"/>), in C#: items matched by
/// item id (code shown), signatures by role, officers as a set; times shown in China time.
/// </summary>
public static class VisitConflictDiff
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static VisitSubmission Parse(string canonicalJson) =>
        JsonSerializer.Deserialize<VisitSubmission>(canonicalJson, Options) ?? throw new InvalidOperationException("Empty visit content.");

    public static IReadOnlyList<ConflictDifference> Compare(
        VisitSubmission stored, VisitSubmission rejected, Func<Guid, string?>? itemText = null, Func<Guid, string?>? officerName = null)
    {
        itemText ??= _ => null;
        officerName ??= _ => null;
        var d = new List<ConflictDifference>();

        // The visit itself.
        Add(d, "Visit", null, null, "venueId", stored.VenueId.ToString(), rejected.VenueId.ToString());
        Add(d, "Visit", null, null, "kind", stored.Kind.ToString(), rejected.Kind.ToString());
        Add(d, "Visit", null, null, "plannedVisitId", stored.PlannedVisitId?.ToString(), rejected.PlannedVisitId?.ToString());
        Add(d, "Visit", null, null, "reinspectionOfNoticeId", stored.ReinspectionOfNoticeId?.ToString(), rejected.ReinspectionOfNoticeId?.ToString());
        Add(d, "Visit", null, null, "officerIds", Officers(stored.OfficerIds, officerName), Officers(rejected.OfficerIds, officerName));
        Add(d, "Visit", null, null, "packVersion", stored.PackVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rejected.PackVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(d, "Visit", null, null, "enforcementIdsShown", Bool(stored.EnforcementIdsShown), Bool(rejected.EnforcementIdsShown));
        Add(d, "Visit", null, null, "recusalOffered", Bool(stored.RecusalOffered), Bool(rejected.RecusalOffered));
        Add(d, "Visit", null, null, "generalPhotos", Photos(stored.GeneralPhotos), Photos(rejected.GeneralPhotos));
        Add(d, "Visit", null, null, "deviceStartedAt", Time(stored.DeviceStartedAt), Time(rejected.DeviceStartedAt));
        Add(d, "Visit", null, null, "deviceSubmittedAt", Time(stored.DeviceSubmittedAt), Time(rejected.DeviceSubmittedAt));

        // Check-in.
        var sc = stored.CheckIn;
        var rc = rejected.CheckIn;
        Add(d, "CheckIn", null, null, "at", Time(sc?.At), Time(rc?.At));
        Add(d, "CheckIn", null, null, "latitude", Number(sc?.Latitude), Number(rc?.Latitude));
        Add(d, "CheckIn", null, null, "longitude", Number(sc?.Longitude), Number(rc?.Longitude));
        Add(d, "CheckIn", null, null, "accuracyMetres", Number(sc?.AccuracyMetres), Number(rc?.AccuracyMetres));
        Add(d, "CheckIn", null, null, "distanceAckReason", sc?.DistanceAckReason, rc?.DistanceAckReason);

        // Person present (the ID number is masked in both stored versions).
        var sp = stored.PersonPresent;
        var rp = rejected.PersonPresent;
        Add(d, "PersonPresent", null, null, "name", sp?.Name, rp?.Name);
        Add(d, "PersonPresent", null, null, "role", sp?.Role, rp?.Role);
        Add(d, "PersonPresent", null, null, "idNumber", sp?.IdNumber, rp?.IdNumber);
        Add(d, "PersonPresent", null, null, "phone", sp?.Phone, rp?.Phone);

        // Checklist items, in the stored order, then those only the rejected version has.
        var storedItems = (stored.Items ?? []).GroupBy(i => i.ItemId).ToDictionary(g => g.Key, g => g.First());
        var rejectedItems = (rejected.Items ?? []).GroupBy(i => i.ItemId).ToDictionary(g => g.Key, g => g.First());
        var order = (stored.Items ?? []).Select(i => i.ItemId).Concat((rejected.Items ?? []).Select(i => i.ItemId)).Distinct();
        foreach (var itemId in order)
        {
            storedItems.TryGetValue(itemId, out var s);
            rejectedItems.TryGetValue(itemId, out var r);
            var code = s?.Code ?? r!.Code;
            var label = itemText(itemId);
            if (s is null || r is null)
            {
                Add(d, "Item", code, label, "presence", s is null ? null : s.Outcome.ToString(), r is null ? null : r.Outcome.ToString());
                continue;
            }
            Add(d, "Item", code, label, "outcome", s.Outcome.ToString(), r.Outcome.ToString());
            Add(d, "Item", code, label, "note", s.Note, r.Note);
            Add(d, "Item", code, label, "photos", Photos(s.Photos), Photos(r.Photos));
        }

        Add(d, "Findings", null, null, "findingsText", stored.FindingsText, rejected.FindingsText);
        Add(d, "PartyComments", null, null, "partyComments", stored.PartyComments, rejected.PartyComments);

        // Signatures by role; the refusal and witness belong to them.
        Add(d, "Signature", null, null, "partyRefusedToSign", Bool(stored.PartyRefusedToSign), Bool(rejected.PartyRefusedToSign));
        Add(d, "Signature", null, null, "witnessName", stored.WitnessName, rejected.WitnessName);
        var storedSigs = (stored.Signatures ?? []).GroupBy(x => x.Role).ToDictionary(g => g.Key, g => g.First());
        var rejectedSigs = (rejected.Signatures ?? []).GroupBy(x => x.Role).ToDictionary(g => g.Key, g => g.First());
        foreach (var role in Enum.GetValues<SignerRole>())
        {
            storedSigs.TryGetValue(role, out var s);
            rejectedSigs.TryGetValue(role, out var r);
            if (s is null && r is null)
            {
                continue;
            }
            if (s is null || r is null)
            {
                Add(d, "Signature", role.ToString(), null, "presence", s is null ? null : $"{s.Name} · {Short(s.Sha256)}", r is null ? null : $"{r.Name} · {Short(r.Sha256)}");
                continue;
            }
            Add(d, "Signature", role.ToString(), null, "name", s.Name, r.Name);
            Add(d, "Signature", role.ToString(), null, "sha256", Short(s.Sha256), Short(r.Sha256));
        }
        return d;
    }

    private static void Add(List<ConflictDifference> d, string section, string? key, string? label, string field, string? stored, string? rejected)
    {
        if (string.Equals(stored, rejected, StringComparison.Ordinal))
        {
            return;
        }
        var path = section switch
        {
            "Item" => $"items[{key}].{field}",
            "Signature" when key is not null => $"signatures[{key}].{field}",
            "CheckIn" => $"checkIn.{field}",
            "PersonPresent" => $"personPresent.{field}",
            _ => field,
        };
        d.Add(new ConflictDifference(path, section, key, label, field, stored, rejected));
    }

    private static string Bool(bool b) => b ? "true" : "false";

    private static string? Time(DateTimeOffset? t) => t?.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Number(double? n) => n?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(string? sha) => string.IsNullOrEmpty(sha) ? string.Empty : sha.Length > 12 ? sha[..12] + "…" : sha;

    /// <summary>Count and short hashes, in order: a reordered photo list is a difference of the record too.</summary>
    private static string Photos(IReadOnlyList<string>? photos) =>
        photos is null || photos.Count == 0 ? "0" : $"{photos.Count}: {string.Join(", ", photos.Select(Short))}";

    private static string Officers(IReadOnlyList<Guid>? ids, Func<Guid, string?> name) =>
        string.Join("、", (ids ?? []).Order().Select(i => name(i) ?? i.ToString()));
}
