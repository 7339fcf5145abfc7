using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Registry;

public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Minimum distances between venue types and schools. Tobacco distances are local: set them here.</summary>
    public List<DistanceRule> DistanceRules { get; set; } = [.. DistanceRule.Defaults];

    /// <summary>Radius within which a venue of the same (or a very similar) name counts as a likely duplicate.</summary>
    public double DuplicateNameRadiusMetres { get; set; } = 50;
}
