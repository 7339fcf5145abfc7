using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry.Import.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Registry.Import.Analysis;

/// <summary>
/// Reads a file and judges every row: row-level errors first, then whether the venue falls in the uploader's
/// jurisdiction, then the set-based warnings.
/// </summary>
internal sealed class VenueImportAnalyser(InspectionsDbContext db, ImportSetChecks checks)
{
    public const string OutOfScopeMessage = "The venue would be filed outside your jurisdiction.";

    /// <param name="scopeJurisdictionId">The uploader's jurisdiction; null when the uploader is unrestricted.</param>
    /// <exception cref="ImportFileException">The file as a whole cannot be read.</exception>
    public async Task<List<VenueImportRow>> AnalyseAsync(
        Guid importId, ImportFormat format, byte[] content, Guid? defaultJurisdictionId, Guid? scopeJurisdictionId, int maxRows, CancellationToken ct)
    {
        var source = ImportFileReader.Read(format, content, maxRows);

        var codes = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var j in await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Code).Select(j => new { j.Code, j.Id }).ToListAsync(ct))
        {
            codes.TryAdd(j.Code, j.Id);
        }
        var validator = new ImportRowValidator(VenueFieldLimits.From(db.Model), codes, defaultJurisdictionId);
        var rows = source.Select(validator.Validate).ToList();

        HashSet<Guid>? allowed = null;
        if (scopeJurisdictionId is { } scope)
        {
            allowed = (await db.Jurisdictions.IgnoreQueryFilters()
                    .Where(j => j.Id == scope || j.ParentId == scope).Select(j => j.Id).ToListAsync(ct))
                .ToHashSet();
            await RejectOutOfScopeAsync(rows, allowed, ct);
        }
        await checks.ApplyAsync(rows, allowed, ct);
        return rows.Select(r => new VenueImportRow(importId, r.RowNumber, r.Name, r.Values, r.Errors, r.Warnings)).ToList();
    }

    /// <summary>
    /// A venue is filed under the community containing its point, or the chosen one when the point lies in none
    /// (as the commit's spatial refresh will do); both must lie in the uploader's jurisdiction.
    /// </summary>
    private async Task RejectOutOfScopeAsync(List<ValidatedRow> rows, HashSet<Guid> allowed, CancellationToken ct)
    {
        var candidates = rows.Where(r => r.Values is not null && r.Errors.Count == 0).ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var numbers = candidates.Select(r => r.RowNumber).ToArray();
        var lons = candidates.Select(r => r.Values!.Longitude).ToArray();
        var lats = candidates.Select(r => r.Values!.Latitude).ToArray();
        var containing = (await db.Database.SqlQuery<RowCommunity>(
                    $"""
                    SELECT r.n AS row_number,
                           (SELECT j.id FROM jurisdictions j
                            WHERE j.level = 'Community' AND ST_Covers(j.boundary, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
                            ORDER BY j.code LIMIT 1) AS jurisdiction_id
                    FROM unnest({numbers}::integer[], {lons}::double precision[], {lats}::double precision[]) AS r(n, lon, lat)
                    """)
                .ToListAsync(ct))
            .ToDictionary(c => c.RowNumber, c => c.JurisdictionId);
        foreach (var row in candidates)
        {
            var chosen = row.Values!.JurisdictionId;
            var filed = containing.GetValueOrDefault(row.RowNumber) ?? chosen;
            if (chosen is { } c && !allowed.Contains(c))
            {
                row.Errors.Add(new ImportFieldError(ImportColumns.JurisdictionCode, OutOfScopeMessage, "import.out_of_scope"));
            }
            else if (filed is null || !allowed.Contains(filed.Value))
            {
                row.Errors.Add(new ImportFieldError(ImportColumns.Longitude, OutOfScopeMessage, "import.out_of_scope"));
            }
        }
    }

    private sealed class RowCommunity
    {
        public int RowNumber { get; set; }

        public Guid? JurisdictionId { get; set; }
    }
}
