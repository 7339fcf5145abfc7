using Inspections.Domain.Common;

namespace Inspections.Infrastructure.Registry.Import;

/// <summary>
/// An uploaded venue file and the progress of its import. State changes after creation are made with
/// conditional updates (WHERE status = …) so that two requests or two job runs cannot both move it on.
/// </summary>
public sealed class VenueImport : Entity
{
    public const int FileNameMaxLength = 255;
    public const int ErrorMaxLength = 2_000;
    public const int UserMaxLength = 100;
    public const int OverrideReasonMaxLength = 500;

    private VenueImport()
    {
        FileName = CreatedBy = string.Empty;
        Content = [];
    }

    public VenueImport(
        Guid id, string fileName, ImportFormat format, byte[] content, Guid? defaultJurisdictionId, string createdBy, DateTimeOffset now,
        Guid? scopeJurisdictionId = null)
        : base(id)
    {
        ScopeJurisdictionId = scopeJurisdictionId;
        FileName = Guard.Required(fileName, "fileName", FileNameMaxLength);
        Format = format;
        Content = content;
        DefaultJurisdictionId = defaultJurisdictionId;
        CreatedBy = Truncate(string.IsNullOrWhiteSpace(createdBy) ? "unknown" : createdBy.Trim(), UserMaxLength);
        Status = ImportStatus.Queued;
        CreatedAt = UpdatedAt = now;
    }

    public string FileName { get; private set; }

    public ImportFormat Format { get; private set; }

    public ImportStatus Status { get; private set; }

    /// <summary>The uploaded bytes, kept as the evidence of what was imported.</summary>
    public byte[] Content { get; private set; }

    /// <summary>Jurisdiction for rows without a community code.</summary>
    public Guid? DefaultJurisdictionId { get; private set; }

    /// <summary>
    /// The jurisdiction the uploader was limited to (null: an unrestricted user). Only they and the leads above them see the
    /// import, and only rows whose venue falls inside it can be imported: the jobs run unrestricted and check it themselves.
    /// </summary>
    public Guid? ScopeJurisdictionId { get; private set; }

    public int TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

    public int ValidRows { get; private set; }

    public int WarningRows { get; private set; }

    public int ErrorRows { get; private set; }

    public int ImportedRows { get; private set; }

    public string? Error { get; private set; }

    public string CreatedBy { get; private set; }

    public ImportCommitMode? CommitMode { get; private set; }

    public string? OverrideReason { get; private set; }

    public string? CommittedBy { get; private set; }

    public DateTimeOffset? CommittedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static string Truncate(string value, int maxLength) =>
        value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength - 1), "…");

    public ImportSummary ToSummary() => new(
        Id, FileName, Format, Status, TotalRows, ProcessedRows, ValidRows, WarningRows, ErrorRows, ImportedRows, Error, CreatedAt, CreatedBy);
}
