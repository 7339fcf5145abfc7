namespace Inspections.Infrastructure.Capture;

public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>Folder for photos and signatures (content-addressed). Relative paths are under the content root; default <c>App_Data/photos</c>.</summary>
    public string PhotoRoot { get; set; } = Path.Combine("App_Data", "photos");

    /// <summary>Check-ins farther than this from the venue need an acknowledged reason (422 otherwise).</summary>
    public int CheckInWarningMetres { get; set; } = 200;

    public long PhotoMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest accepted width or height; the tablet downscales to this before upload.</summary>
    public int PhotoMaxLongSidePx { get; set; } = 4096;

    /// <summary>What the tablet downscales to (sent in the bootstrap).</summary>
    public int PhotoTargetLongSidePx { get; set; } = 2048;

    /// <summary>
    /// Write new visits of concurrent submissions together, one transaction per batch (ADR 21). Off: every submission
    /// writes its own transaction through EF Core (the path a failed batch falls back to anyway).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Most visits in one group-commit batch.</summary>
    public int GroupCommitMaxBatch { get; set; } = 64;

    /// <summary>Uploads no visit references are deleted this many days after upload (daily job).</summary>
    public int OrphanUploadRetentionDays { get; set; } = 30;

    /// <summary>Optional folder with checklist pack files overriding the embedded copies of seed/checklists.</summary>
    public string? ChecklistFolder { get; set; }
}
