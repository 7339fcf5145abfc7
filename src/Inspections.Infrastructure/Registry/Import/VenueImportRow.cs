using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Registry.Import;

/// <summary>The analysis of one row of an import file: its parsed values (when usable), errors and warnings.</summary>
public sealed class VenueImportRow
{
    public const int NameMaxLength = 200;

    private VenueImportRow()
    {
        Errors = [];
        Warnings = [];
    }

    public VenueImportRow(Guid importId, int rowNumber, string? name, ImportedVenue? values, List<ImportFieldError> errors, List<ValidationWarning> warnings)
    {
        ImportId = importId;
        RowNumber = rowNumber;
        Name = string.IsNullOrWhiteSpace(name) ? null : VenueImport.Truncate(name.Trim(), NameMaxLength);
        Values = errors.Count == 0 ? values : null;
        Errors = errors;
        Warnings = warnings;
        Status = errors.Count > 0 ? ImportRowStatus.Error : warnings.Count > 0 ? ImportRowStatus.Warning : ImportRowStatus.Valid;
    }

    public Guid ImportId { get; private set; }

    public int RowNumber { get; private set; }

    public ImportRowStatus Status { get; private set; }

    public string? Name { get; private set; }

    /// <summary>The venue as it will be created; null for error rows.</summary>
    public ImportedVenue? Values { get; private set; }

    public List<ImportFieldError> Errors { get; private set; }

    public List<ValidationWarning> Warnings { get; private set; }

    /// <summary>The venue created from this row by the commit.</summary>
    public Guid? VenueId { get; private set; }

    public ImportRowReport ToReport() => new(RowNumber, Name, Status, Errors, Warnings);
}
