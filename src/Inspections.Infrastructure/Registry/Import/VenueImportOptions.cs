namespace Inspections.Infrastructure.Registry.Import;

public sealed class VenueImportOptions
{
    public const string Section = "VenueImports";

    /// <summary>Rows per file; a larger file is refused as a whole (split it).</summary>
    public int MaxRows { get; set; } = 50_000;

    /// <summary>The analysis stores rows and reports progress in chunks of this size.</summary>
    public int ProgressInterval { get; set; } = 500;

    /// <summary>Venues inserted per round trip by the commit (all inside one transaction).</summary>
    public int CommitBatchSize { get; set; } = 1_000;
}
