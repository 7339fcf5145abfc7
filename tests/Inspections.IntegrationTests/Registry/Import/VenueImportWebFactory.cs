using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Registry.Import;

/// <summary>The real host with tiny chunks, so that every import in the tests spans several progress steps and commit batches.</summary>
public sealed class VenueImportWebFactory : InspectionsWebFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["VenueImports:CommitBatchSize"] = "2",
        ["VenueImports:ProgressInterval"] = "2",
    };
}
