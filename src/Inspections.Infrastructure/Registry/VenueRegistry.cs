using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Registry;

public sealed record OverrideInput(string Code, string Reason);

public abstract record VenueSaveOutcome
{
    public sealed record Saved(Venue Venue, IReadOnlyList<ValidationWarning> OverriddenWarnings) : VenueSaveOutcome;

    /// <summary>Warnings that still need an override with a reason; nothing was written.</summary>
    public sealed record NeedsOverride(IReadOnlyList<ValidationWarning> Warnings) : VenueSaveOutcome;

    public sealed record NotFound : VenueSaveOutcome;

    /// <summary>Someone else changed the venue since the given version; nothing was written.</summary>
    public sealed record Conflict(uint CurrentVersion) : VenueSaveOutcome;

    /// <summary>The venue would be filed outside the user's jurisdictions (chosen community or point); nothing was written.</summary>
    public sealed record OutOfScope(string Field, string Message) : VenueSaveOutcome;
}

/// <summary>
/// Creates and edits venues with the registry's soft checks (credit code, location, duplicates). A venue is filed
/// under the community containing its point; users limited to some jurisdictions can file venues only there.
/// </summary>
public sealed class VenueRegistry(
    InspectionsDbContext db,
    SpatialFacts spatial,
    ICurrentUser user,
    IUserScope scope,
    TimeProvider clock,
    IOptionsMonitor<RegistryOptions> options)
{
    public async Task<IReadOnlyList<ValidationWarning>> CheckAsync(VenueDetails details, Guid? excludeId, CancellationToken ct = default)
    {
        var warnings = Venue.IntrinsicWarnings(details).ToList();
        var lon = details.Location.X;
        var lat = details.Location.Y;

        if (details.JurisdictionId is { } chosen)
        {
            var containing = await spatial.CommunitiesContainingAsync(lon, lat, ct);
            if (!containing.Contains(chosen))
            {
                var names = await db.Jurisdictions.Where(j => containing.Contains(j.Id)).Select(j => j.Name).ToListAsync(ct);
                var message = names.Count == 0
                    ? "The point lies outside every community of the district."
                    : $"The point lies in {string.Join("、", names)}, not in the chosen community; the venue is filed where the point lies.";
                warnings.Add(new ValidationWarning(WarningCodes.OutsideJurisdiction, message, names));
            }
        }

        var code = Domain.Identifiers.CreditCode.Normalize(details.CreditCode);
        if (code.Length > 0)
        {
            // Duplicates are looked for everywhere, but venues of other jurisdictions are not named.
            var sameCode = await db.Venues.IgnoreQueryFilters([InspectionsDbContext.JurisdictionFilter])
                .Where(v => v.CreditCode == code && v.Id != excludeId && v.Status != VenueStatus.Closed)
                .Select(v => new { Label = v.Name + "（" + v.Address + "）", v.JurisdictionId })
                .Take(5)
                .ToListAsync(ct);
            if (sameCode.Count > 0)
            {
                warnings.Add(new ValidationWarning(WarningCodes.DuplicateCreditCode,
                    "Another venue has the same unified social credit code.", [.. sameCode.Select(v => Visible(v.Label, v.JurisdictionId))]));
            }
        }

        var radius = options.CurrentValue.DuplicateNameRadiusMetres;
        var name = details.Name.Trim();
        var sameName = await db.Database.SqlQuery<LabelledVenue>(
                $"""
                SELECT name || '（' || address || '）' AS label, jurisdiction_id FROM venues
                WHERE id IS DISTINCT FROM {excludeId}
                  AND ST_DWithin(location, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)::geography, {radius})
                  AND (lower(name) = lower({name}) OR similarity(name, {name}) >= 0.7)
                LIMIT 5
                """)
            .ToListAsync(ct);
        if (sameName.Count > 0)
        {
            warnings.Add(new ValidationWarning(WarningCodes.DuplicateNameNearby,
                $"A venue with the same or a very similar name stands within {radius:0} m.", [.. sameName.Select(v => Visible(v.Label, v.JurisdictionId))]));
        }
        return warnings;
    }

    public async Task<VenueSaveOutcome> CreateAsync(VenueDetails details, IReadOnlyList<OverrideInput> overrides, CancellationToken ct = default)
    {
        var venue = new Venue(Guid.CreateVersion7(), details);
        var (facts, outOfScope) = await FactsInScopeAsync(details, ct);
        if (outOfScope is not null)
        {
            return outOfScope;
        }
        var warnings = await CheckAsync(details, venue.Id, ct);
        var missing = Unacknowledged(warnings, overrides, venue, details);
        if (missing.Count > 0)
        {
            return new VenueSaveOutcome.NeedsOverride(missing);
        }
        ApplyFacts(venue, details, facts);
        AcceptOverrides(venue, warnings, overrides);
        db.Venues.Add(venue);
        await db.SaveChangesAsync(ct);
        return new VenueSaveOutcome.Saved(venue, warnings);
    }

    public async Task<VenueSaveOutcome> UpdateAsync(Guid id, uint expectedVersion, VenueDetails details, IReadOnlyList<OverrideInput> overrides, CancellationToken ct = default)
    {
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (venue is null)
        {
            return new VenueSaveOutcome.NotFound();
        }
        if (venue.Version != expectedVersion)
        {
            return new VenueSaveOutcome.Conflict(venue.Version);
        }
        var (facts, outOfScope) = await FactsInScopeAsync(details, ct);
        if (outOfScope is not null)
        {
            return outOfScope;
        }
        var warnings = await CheckAsync(details, id, ct);
        var missing = Unacknowledged(warnings, overrides, venue, details);
        if (missing.Count > 0)
        {
            return new VenueSaveOutcome.NeedsOverride(missing);
        }
        venue.Update(details);
        ApplyFacts(venue, details, facts);
        AcceptOverrides(venue, warnings, overrides);
        venue.Touch(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Venues.AsNoTracking().Where(v => v.Id == id).Select(v => (uint?)v.Version).SingleOrDefaultAsync(ct);
            return current is null ? new VenueSaveOutcome.NotFound() : new VenueSaveOutcome.Conflict(current.Value);
        }
        return new VenueSaveOutcome.Saved(venue, warnings);
    }

    /// <summary>Deletes a venue if it is still at the expected version. Returns null when not found.</summary>
    public async Task<bool?> DeleteAsync(Guid id, uint expectedVersion, CancellationToken ct = default)
    {
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (venue is null)
        {
            return null;
        }
        if (venue.Version != expectedVersion)
        {
            return false;
        }
        db.Venues.Remove(venue);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// The spatial facts of the point, and whether the venue may be filed where they put it: the chosen community
    /// must be one of the user's, and so must the community containing the point (or, outside every community,
    /// the chosen one). Creating or moving a venue into another jurisdiction is refused, not silently allowed.
    /// </summary>
    private async Task<(PointFacts Facts, VenueSaveOutcome.OutOfScope? Refusal)> FactsInScopeAsync(VenueDetails details, CancellationToken ct)
    {
        if (details.JurisdictionId is { } chosen && !scope.Covers(chosen))
        {
            return (default!, new VenueSaveOutcome.OutOfScope("jurisdictionId", "The chosen community is not in your jurisdiction."));
        }
        var facts = await spatial.ForPointAsync(details.Type, details.Location.X, details.Location.Y, ct);
        if (!scope.Covers(facts.CommunityId ?? details.JurisdictionId))
        {
            return (facts, new VenueSaveOutcome.OutOfScope("location", "The point lies outside your jurisdiction; the venue cannot be filed there."));
        }
        return (facts, null);
    }

    private static void ApplyFacts(Venue venue, VenueDetails details, PointFacts facts)
    {
        venue.SetJurisdiction(facts.CommunityId ?? details.JurisdictionId);
        venue.SetSchoolFacts(facts.NearestSchoolId, facts.NearestSchoolDistanceMetres, facts.DistanceRuleBreached);
    }

    private string Visible(string label, Guid? jurisdictionId) =>
        scope.Covers(jurisdictionId) ? label : "（另一辖区的场所 · a venue in another jurisdiction）";

    internal sealed class LabelledVenue
    {
        public string Label { get; set; } = string.Empty;

        public Guid? JurisdictionId { get; set; }
    }

    /// <summary>
    /// A warning stands unless this save overrides it with a reason, or an earlier override of the same code
    /// is still about the same facts (e.g. the credit code it excused is unchanged).
    /// </summary>
    private static List<ValidationWarning> Unacknowledged(IReadOnlyList<ValidationWarning> warnings, IReadOnlyList<OverrideInput> overrides, Venue venue, VenueDetails details)
    {
        var missing = new List<ValidationWarning>();
        foreach (var w in warnings)
        {
            var given = overrides.FirstOrDefault(o => o.Code == w.Code);
            if (given is null && venue.IsOverridden(w.Code) && SameFacts(w.Code, venue, details))
            {
                continue;
            }
            if (given is null || string.IsNullOrWhiteSpace(given.Reason))
            {
                missing.Add(w);
            }
        }
        return missing;
    }

    private static bool SameFacts(string code, Venue venue, VenueDetails d) => code switch
    {
        WarningCodes.CreditCodeInvalid or WarningCodes.CreditCodeMissing or WarningCodes.DuplicateCreditCode =>
            venue.CreditCode == (Domain.Identifiers.CreditCode.Normalize(d.CreditCode) is { Length: > 0 } c ? c : null),
        WarningCodes.OutsideChina or WarningCodes.OutsideJurisdiction =>
            venue.Location.EqualsExact(d.Location) && venue.JurisdictionId == d.JurisdictionId,
        WarningCodes.DuplicateNameNearby => venue.Location.EqualsExact(d.Location) && venue.Name == d.Name.Trim(),
        _ => false,
    };

    private void AcceptOverrides(Venue venue, IReadOnlyList<ValidationWarning> warnings, IReadOnlyList<OverrideInput> overrides)
    {
        var now = clock.GetUtcNow();
        var accepted = overrides
            .Where(o => warnings.Any(w => w.Code == o.Code))
            .Select(o => new ValidationOverride(o.Code, o.Reason, user.UserName, now));
        venue.AcceptOverrides(accepted);
    }
}
