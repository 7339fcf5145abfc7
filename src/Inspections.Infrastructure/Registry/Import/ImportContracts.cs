using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Registry.Import;

public enum ImportFormat
{
    Csv,
    Xlsx,
    GeoJson,
}

/// <summary>Queued → Analysing → Analysed → Importing → Imported; Failed from any step. Stored as text; never renumber.</summary>
public enum ImportStatus
{
    Queued,
    Analysing,
    Analysed,
    Importing,
    Imported,
    Failed,
}

public enum ImportRowStatus
{
    Valid,
    Warning,
    Error,
}

/// <summary>All = valid and warning rows (each warning overridden with the given reason); error rows are never imported.</summary>
public enum ImportCommitMode
{
    All,
    ValidOnly,
}

/// <summary>
/// The state of an import. <see cref="ProcessedRows"/> counts the rows analysed so far (poll it while
/// <see cref="Status"/> is Analysing); <see cref="ImportedRows"/> is set when the import's single transaction commits.
/// </summary>
public sealed record ImportSummary(
    Guid Id,
    string FileName,
    ImportFormat Format,
    ImportStatus Status,
    int TotalRows,
    int ProcessedRows,
    int ValidRows,
    int WarningRows,
    int ErrorRows,
    int ImportedRows,
    string? Error,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>
/// A hard error in one field of a row; <see cref="Field"/> is the English column name (name, longitude…).
/// <see cref="Message"/> is English; the UI shows the localized text of <see cref="Code"/> (with <see cref="Value"/>,
/// the offending cell shortened) and falls back to the message for reports stored before codes existed.
/// </summary>
public sealed record ImportFieldError(string Field, string Message, string? Code = null, string? Value = null);

/// <summary>
/// One row of the dry-run report. <see cref="RowNumber"/> is the spreadsheet row (the header is row 1) for CSV and
/// XLSX, and the 1-based position of the feature for GeoJSON.
/// </summary>
public sealed record ImportRowReport(
    int RowNumber,
    string? Name,
    ImportRowStatus Status,
    IReadOnlyList<ImportFieldError> Errors,
    IReadOnlyList<ValidationWarning> Warnings);
