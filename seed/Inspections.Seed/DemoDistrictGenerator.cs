namespace Inspections.Seed;

/// <summary>
/// Generates a <see cref="DemoDistrict"/> without touching a database. Every call to <see cref="Generate"/> starts from
/// the seed in <see cref="Options"/>, so the same options always give the same data; each call owns its own Bogus
/// randomizer, so generators may run concurrently.
/// </summary>
public sealed class DemoDistrictGenerator
{
    public DemoDistrictGenerator(DemoDistrictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public DemoDistrictOptions Options { get; }

    public DemoDistrict Generate() => new DemoDistrictBuilder(Options).Build();
}
