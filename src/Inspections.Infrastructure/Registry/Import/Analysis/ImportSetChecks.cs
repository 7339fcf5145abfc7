using System.Globalization;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Registry.Import.Analysis;

/// <summary>
/// The database checks of <see cref="VenueRegistry.CheckAsync"/> for a whole file at once: one query for the
/// communities containing the points, one for duplicates among existing venues (credit code, same or similar name
/// within the radius), plus duplicates within the file itself (a later row is flagged, pointing at the earlier one).
/// </summary>
internal sealed class ImportSetChecks(InspectionsDbContext db, IOptionsMonitor<RegistryOptions> registry)
{
    /// <summary>Venue labels of jurisdictions outside the uploader's, which the report must not name.</summary>
    public const string OtherJurisdictionLabel = "（另一辖区的场所 · a venue in another jurisdiction）";

    /// <param name="visibleJurisdictions">The uploader's jurisdictions; null when unrestricted. Duplicates elsewhere are reported unnamed.</param>
    public async Task ApplyAsync(IReadOnlyList<ValidatedRow> rows, IReadOnlySet<Guid>? visibleJurisdictions, CancellationToken ct)
    {
        var candidates = rows.Where(r => r.Values is not null && r.Errors.Count == 0).ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var radius = registry.CurrentValue.DuplicateNameRadiusMetres;
        var outside = await OutsideChosenJurisdictionAsync(candidates, ct);
        var existing = await ExistingDuplicatesAsync(candidates, radius, visibleJurisdictions, ct);
        var inFile = InFileDuplicates(candidates, radius);

        foreach (var row in candidates)
        {
            if (outside.TryGetValue(row.RowNumber, out var warning))
            {
                row.Warnings.Add(warning);
            }
            AddDuplicateWarning(
                row, WarningCodes.DuplicateCreditCode, existing.Codes, inFile.Codes,
                "Another venue has the same unified social credit code.",
                "An earlier row of this file has the same unified social credit code.");
            AddDuplicateWarning(
                row, WarningCodes.DuplicateNameNearby, existing.Names, inFile.Names,
                $"A venue with the same or a very similar name stands within {radius:0} m.",
                $"An earlier row of this file has the same name within {radius:0} m.");
        }
    }

    private static void AddDuplicateWarning(
        ValidatedRow row, string code, ILookup<int, string> existing, ILookup<int, string> inFile, string existingMessage, string inFileMessage)
    {
        var known = existing[row.RowNumber].ToList();
        var earlier = inFile[row.RowNumber].Take(5).ToList();
        if (known.Count == 0 && earlier.Count == 0)
        {
            return;
        }
        var message = (known.Count > 0, earlier.Count > 0) switch
        {
            (true, true) => existingMessage + " " + inFileMessage,
            (true, false) => existingMessage,
            _ => inFileMessage,
        };
        row.Warnings.Add(new ValidationWarning(code, message, [.. known, .. earlier]));
    }

    /// <summary>Rows with a chosen jurisdiction whose point lies in none of its communities.</summary>
    private async Task<Dictionary<int, ValidationWarning>> OutsideChosenJurisdictionAsync(List<ValidatedRow> rows, CancellationToken ct)
    {
        var chosen = rows.Where(r => r.Values!.JurisdictionId is not null).ToList();
        var result = new Dictionary<int, ValidationWarning>();
        if (chosen.Count == 0)
        {
            return result;
        }
        var numbers = chosen.Select(r => r.RowNumber).ToArray();
        var lons = chosen.Select(r => r.Values!.Longitude).ToArray();
        var lats = chosen.Select(r => r.Values!.Latitude).ToArray();
        var containing = (await db.Database.SqlQuery<ContainingCommunity>(
                    $"""
                    SELECT r.n AS row_number, j.id AS jurisdiction_id, j.parent_id AS parent_id, j.name AS name
                    FROM unnest({numbers}::integer[], {lons}::double precision[], {lats}::double precision[]) AS r(n, lon, lat)
                    JOIN jurisdictions j
                      ON j.level = 'Community' AND ST_Covers(j.boundary, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
                    ORDER BY r.n, j.code
                    """)
                .ToListAsync(ct))
            .ToLookup(c => c.RowNumber);

        foreach (var row in chosen)
        {
            var communities = containing[row.RowNumber].ToList();
            var target = row.Values!.JurisdictionId!.Value;
            // A street counts as containing the point when one of its communities does.
            if (communities.Any(c => c.JurisdictionId == target || c.ParentId == target))
            {
                continue;
            }
            var names = communities.Select(c => c.Name).ToList();
            var message = names.Count == 0
                ? "The point lies outside every community of the district."
                : $"The point lies in {string.Join("、", names)}, not in the chosen community; the venue is filed where the point lies.";
            result[row.RowNumber] = new ValidationWarning(WarningCodes.OutsideJurisdiction, message, names);
        }
        return result;
    }

    private async Task<(ILookup<int, string> Codes, ILookup<int, string> Names)> ExistingDuplicatesAsync(
        List<ValidatedRow> rows, double radius, IReadOnlySet<Guid>? visible, CancellationToken ct)
    {
        var numbers = rows.Select(r => r.RowNumber).ToArray();
        var codes = rows.Select(r => r.Values!.CreditCode).ToArray();
        var names = rows.Select(r => r.Values!.Name).ToArray();
        var lons = rows.Select(r => r.Values!.Longitude).ToArray();
        var lats = rows.Select(r => r.Values!.Latitude).ToArray();
        var hits = await db.Database.SqlQuery<DuplicateHit>(
                $"""
                SELECT r.n AS row_number, 'code' AS kind, d.label AS label, d.jurisdiction_id AS jurisdiction_id
                FROM unnest({numbers}::integer[], {codes}::text[]) AS r(n, code)
                CROSS JOIN LATERAL (
                    SELECT v.name || '（' || v.address || '）' AS label, v.jurisdiction_id FROM venues v
                    WHERE v.credit_code = r.code AND v.status <> 'Closed'
                    ORDER BY v.name LIMIT 5) d
                WHERE r.code IS NOT NULL
                UNION ALL
                SELECT r.n, 'name', d.label, d.jurisdiction_id
                FROM unnest({numbers}::integer[], {names}::text[], {lons}::double precision[], {lats}::double precision[]) AS r(n, name, lon, lat)
                CROSS JOIN LATERAL (
                    SELECT v.name || '（' || v.address || '）' AS label, v.jurisdiction_id FROM venues v
                    WHERE ST_DWithin(v.location, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)::geography, {radius})
                      AND (lower(v.name) = lower(r.name) OR similarity(v.name, r.name) >= 0.7)
                    ORDER BY v.name LIMIT 5) d
                """)
            .ToListAsync(ct);
        string Label(DuplicateHit h) =>
            visible is null || (h.JurisdictionId is { } j && visible.Contains(j)) ? h.Label : OtherJurisdictionLabel;
        return (hits.Where(h => h.Kind == "code").ToLookup(h => h.RowNumber, Label),
                hits.Where(h => h.Kind == "name").ToLookup(h => h.RowNumber, Label));
    }

    /// <summary>Same credit code, or same name (ignoring case and spacing) within the radius, as an earlier row.</summary>
    private static (ILookup<int, string> Codes, ILookup<int, string> Names) InFileDuplicates(List<ValidatedRow> rows, double radius)
    {
        var codes = new List<(int Row, string Related)>();
        var names = new List<(int Row, string Related)>();
        var byCode = new Dictionary<string, List<ValidatedRow>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, List<ValidatedRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var v = row.Values!;
            if (v.CreditCode is { Length: > 0 } code)
            {
                if (byCode.TryGetValue(code, out var sameCode))
                {
                    codes.AddRange(sameCode.Select(e => (row.RowNumber, Describe(e))));
                    sameCode.Add(row);
                }
                else
                {
                    byCode[code] = [row];
                }
            }
            var key = NameKey(v.Name);
            if (byName.TryGetValue(key, out var sameName))
            {
                names.AddRange(sameName
                    .Where(e => Geo.HaversineMetres(e.Values!.Longitude, e.Values.Latitude, v.Longitude, v.Latitude) <= radius)
                    .Select(e => (row.RowNumber, Describe(e))));
                sameName.Add(row);
            }
            else
            {
                byName[key] = [row];
            }
        }
        return (codes.ToLookup(c => c.Row, c => c.Related), names.ToLookup(n => n.Row, n => n.Related));
    }

    private static string Describe(ValidatedRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"row {row.RowNumber}: {row.Values!.Name}（{row.Values.Address}）");

    private static string NameKey(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private sealed class ContainingCommunity
    {
        public int RowNumber { get; set; }

        public Guid JurisdictionId { get; set; }

        public Guid? ParentId { get; set; }

        public string Name { get; set; } = string.Empty;
    }

    private sealed class DuplicateHit
    {
        public int RowNumber { get; set; }

        public string Kind { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;

        public Guid? JurisdictionId { get; set; }
    }
}
