using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry.Import.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Registry.Import.Analysis;

/// <summary>Reads a file and judges every row: row-level errors first, then the set-based warnings.</summary>
internal sealed class VenueImportAnalyser(InspectionsDbContext db, ImportSetChecks checks)
{
    /// <exception cref="ImportFileException">The file as a whole cannot be read.</exception>
    public async Task<List<VenueImportRow>> AnalyseAsync(
        Guid importId, ImportFormat format, byte[] content, Guid? defaultJurisdictionId, int maxRows, CancellationToken ct)
    {
        var source = ImportFileReader.Read(format, content, maxRows);

        var codes = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var j in await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Code).Select(j => new { j.Code, j.Id }).ToListAsync(ct))
        {
            codes.TryAdd(j.Code, j.Id);
        }
        var validator = new ImportRowValidator(VenueFieldLimits.From(db.Model), codes, defaultJurisdictionId);
        var rows = source.Select(validator.Validate).ToList();

        await checks.ApplyAsync(rows, ct);
        return rows.Select(r => new VenueImportRow(importId, r.RowNumber, r.Name, r.Values, r.Errors, r.Warnings)).ToList();
    }
}
