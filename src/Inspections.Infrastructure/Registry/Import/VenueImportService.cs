using System.Globalization;
using System.Text;
using CsvHelper;
using Hangfire;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry.Import.Jobs;
using Inspections.Infrastructure.Registry.Import.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Registry.Import;

/// <summary>
/// Bulk import of venues: upload (stored, analysed in the background), a per-row dry-run report, then a commit
/// of all or only the valid rows in one transaction. Used by the import API and the import page alike.
/// </summary>
public sealed class VenueImportService(
    InspectionsDbContext db,
    IBackgroundJobClient jobs,
    ICurrentUser user,
    IUserScope scope,
    TimeProvider clock)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxPageSize = 500;

    /// <summary>DomainException codes callers map to HTTP answers.</summary>
    public const string FormatCode = "file.format";
    public const string TooLargeCode = "file.too_large";
    public const string EmptyCode = "file.empty";
    public const string NotAnalysedCode = "import.not_analysed";
    public const string NothingToImportCode = "import.nothing_to_import";
    public const string OverrideReasonRequiredCode = "overrideReason.required";

    /// <summary>
    /// Stores the upload and queues its analysis. The format follows the extension: .csv, .xlsx, .geojson or .json.
    /// </summary>
    /// <exception cref="DomainException">Unknown format (file.format), more than 20 MB (file.too_large), empty file, unknown default jurisdiction.</exception>
    public async Task<ImportSummary> StartAsync(Stream content, string fileName, Guid? defaultJurisdictionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!scope.IsUnrestricted && user.JurisdictionId is null)
        {
            throw new DomainException("import.no_jurisdiction", "Your account has no jurisdiction to import venues into.");
        }
        var name = SafeFileName(fileName);
        var format = FormatOf(name);
        var bytes = await ReadAllAsync(content, ct);
        if (format == ImportFormat.Xlsx && !bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            throw new DomainException(FormatCode, "The file is not an XLSX workbook (an old .xls file? Save it as .xlsx).");
        }
        if (defaultJurisdictionId is { } jid && (!scope.Covers(jid) || !await db.Jurisdictions.AnyAsync(j => j.Id == jid, ct)))
        {
            throw new DomainException("defaultJurisdictionId.unknown", "The default jurisdiction does not exist.");
        }

        var import = new VenueImport(
            Guid.CreateVersion7(), VenueImport.Truncate(name, VenueImport.FileNameMaxLength), format, bytes, defaultJurisdictionId,
            user.UserName, clock.GetUtcNow(), scope.IsUnrestricted ? null : user.JurisdictionId);
        db.VenueImports.Add(import);
        await db.SaveChangesAsync(ct);
        try
        {
            jobs.Enqueue<VenueImportAnalysisJob>(j => j.RunAsync(import.Id, CancellationToken.None));
        }
        catch
        {
            await db.VenueImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Failed)
                .SetProperty(i => i.Error, "The analysis could not be queued. Upload the file again."), CancellationToken.None);
            throw;
        }
        return import.ToSummary();
    }

    public Task<ImportSummary?> GetAsync(Guid id, CancellationToken ct) =>
        db.VenueImports.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new ImportSummary(
                i.Id, i.FileName, i.Format, i.Status, i.TotalRows, i.ProcessedRows, i.ValidRows, i.WarningRows, i.ErrorRows,
                i.ImportedRows, i.Error, i.CreatedAt, i.CreatedBy))
            .SingleOrDefaultAsync(ct);

    /// <summary>The report, in file order, optionally of one status. Null when the import does not exist.</summary>
    public async Task<PagedResult<ImportRowReport>?> GetRowsAsync(Guid id, ImportRowStatus? status, int page, int pageSize, CancellationToken ct)
    {
        if (!await db.VenueImports.AnyAsync(i => i.Id == id, ct))
        {
            return null;
        }
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var q = db.VenueImportRows.AsNoTracking().Where(r => r.ImportId == id);
        if (status is { } s)
        {
            q = q.Where(r => r.Status == s);
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(r => r.RowNumber)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(r => new { r.RowNumber, r.Name, r.Status, r.Errors, r.Warnings })
            .ToListAsync(ct);
        var items = rows.Select(r => new ImportRowReport(r.RowNumber, r.Name, r.Status, r.Errors, r.Warnings)).ToList();
        return new PagedResult<ImportRowReport>(items, page, pageSize, total);
    }

    /// <summary>
    /// Queues the import of an analysed file. <see cref="ImportCommitMode.All"/> with warning rows needs a reason, stored
    /// as the override of each warning. Null when the import does not exist.
    /// </summary>
    /// <exception cref="DomainException">Not in Analysed (import.not_analysed), reason missing (overrideReason.required), nothing to import.</exception>
    public async Task<ImportSummary?> CommitAsync(Guid id, ImportCommitMode mode, string? overrideReason, CancellationToken ct)
    {
        var import = await GetAsync(id, ct);
        if (import is null)
        {
            return null;
        }
        if (!Enum.IsDefined(mode))
        {
            throw new DomainException("mode.invalid", "Choose All or ValidOnly.");
        }
        if (import.Status != ImportStatus.Analysed)
        {
            throw NotAnalysed(import.Status);
        }
        string? reason = null;
        if (mode == ImportCommitMode.All && import.WarningRows > 0)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
            {
                throw new DomainException(OverrideReasonRequiredCode, $"{import.WarningRows} row(s) have warnings: give a reason to import them anyway, or import only the valid rows.");
            }
            reason = Guard.Required(overrideReason, "overrideReason", VenueImport.OverrideReasonMaxLength);
        }
        var count = mode == ImportCommitMode.All ? import.ValidRows + import.WarningRows : import.ValidRows;
        if (count == 0)
        {
            throw new DomainException(NothingToImportCode, mode == ImportCommitMode.All
                ? "Every row has errors: correct the file and upload it again."
                : "No row is free of warnings and errors: import all rows with a reason, or correct the file.");
        }

        var now = clock.GetUtcNow();
        var committedBy = VenueImport.Truncate(string.IsNullOrWhiteSpace(user.UserName) ? "unknown" : user.UserName, VenueImport.UserMaxLength);
        var claimed = await db.VenueImports
            .Where(i => i.Id == id && i.Status == ImportStatus.Analysed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Importing)
                .SetProperty(i => i.CommitMode, mode)
                .SetProperty(i => i.OverrideReason, reason)
                .SetProperty(i => i.CommittedBy, committedBy)
                .SetProperty(i => i.CommittedAt, now)
                .SetProperty(i => i.UpdatedAt, now), ct);
        if (claimed == 0)
        {
            throw NotAnalysed((await GetAsync(id, ct))?.Status ?? ImportStatus.Failed);
        }
        try
        {
            jobs.Enqueue<VenueImportCommitJob>(j => j.RunAsync(id, CancellationToken.None));
        }
        catch
        {
            await db.VenueImports.Where(i => i.Id == id && i.Status == ImportStatus.Importing).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Analysed)
                .SetProperty(i => i.CommitMode, (ImportCommitMode?)null)
                .SetProperty(i => i.OverrideReason, (string?)null), CancellationToken.None);
            throw;
        }
        return await GetAsync(id, ct);
    }

    /// <summary>The header row (Chinese names; English names are accepted too) and one example row.</summary>
    public static string TemplateCsv()
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var column in ImportColumns.All)
            {
                csv.WriteField(column.Chinese);
            }
            csv.EndRecord();
            string[] example =
            [
                "星际网咖", "网吧", CreditCode.Compose('9', '1', "440309", "MA5F3K2Q"), "网文〔2026〕0001号",
                "深圳市龙华区民治街道民康路1号", "114.0579", "22.6265", "08:00-24:00", "是", "营业", "B",
                "张三", string.Empty, "0755-12345678", string.Empty,
            ];
            foreach (var value in example)
            {
                csv.WriteField(value);
            }
            csv.EndRecord();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static DomainException NotAnalysed(ImportStatus status) =>
        new(NotAnalysedCode, string.Create(CultureInfo.InvariantCulture, $"The import is {status}; only an analysed import can be committed, once."));

    /// <summary>
    /// The last segment of the client's file name only (either slash; no "..\\..\\etc\\passwd"), without control or
    /// bidirectional-override characters. It is only ever shown and stored, never used as a path.
    /// </summary>
    public static string SafeFileName(string? fileName)
    {
        var last = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        var clean = new string([.. last.Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069'))]);
        clean = clean.Trim().TrimStart('.');
        return clean.Length == 0 ? "upload" : clean;
    }

    private static ImportFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => ImportFormat.Csv,
        ".xlsx" => ImportFormat.Xlsx,
        ".geojson" or ".json" => ImportFormat.GeoJson,
        _ => throw new DomainException(FormatCode, "Upload a .csv, .xlsx, .geojson or .json file."),
    };

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new DomainException(TooLargeCode, $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB. Split it into several files.");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new DomainException(EmptyCode, "The file is empty.");
        }
        return buffer.ToArray();
    }
}
