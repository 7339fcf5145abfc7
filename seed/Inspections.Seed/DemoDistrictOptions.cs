namespace Inspections.Seed;

/// <summary>
/// Size and random seed of a generated demo district. The defaults are one street with ten communities;
/// <see cref="Scale"/> grows every figure in the proportions of the benchmark requirement
/// (100,000 venues, 2,000 officers, 200 jurisdictions).
/// </summary>
public sealed record DemoDistrictOptions
{
    public const int DefaultSeed = 20261123;

    /// <summary>Communities grouped into one street at most; a street is a block of roughly 1 km² communities.</summary>
    public const int MaxCommunitiesPerStreet = 20;

    public static DemoDistrictOptions Default { get; } = new();

    public int Seed { get; init; } = DefaultSeed;

    public int Streets { get; init; } = 1;

    public int Communities { get; init; } = 10;

    public int Venues { get; init; } = 1500;

    public int Schools { get; init; } = 40;

    public int Officers { get; init; } = 60;

    /// <summary>
    /// Also write six months of inspection history (visits, rectification notices in their states). The application's
    /// demo seeding turns it on unless configuration <c>Seed:DemoHistory</c> is false; code that builds options itself
    /// (test factories, benchmarks) opts in, so their data stays as it was. Needs the checklist packs: the seeder loads
    /// them when none are current.
    /// </summary>
    public bool History { get; init; }

    /// <summary>The seeding date the history runs up to (local, Asia/Shanghai); null = today. Tests pin it for determinism.</summary>
    public DateOnly? HistoryToday { get; init; }

    /// <summary>
    /// Options for the given number of venues: one community per 500 venues (at least 10), up to 20 communities per
    /// street, one officer per 50 venues (at least 60) and 27 schools per 1,000 venues (at least 40).
    /// <c>Scale(1500)</c> equals the defaults; <c>Scale(100000)</c> gives 10 streets, 200 communities,
    /// 2,000 officers and 2,700 schools.
    /// </summary>
    public static DemoDistrictOptions Scale(int venues, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(venues);
        var communities = Math.Max(10, (int)Math.Round(venues / 500.0, MidpointRounding.AwayFromZero));
        return new DemoDistrictOptions
        {
            Seed = seed,
            Venues = venues,
            Communities = communities,
            Streets = (communities + MaxCommunitiesPerStreet - 1) / MaxCommunitiesPerStreet,
            Officers = Math.Max(60, (int)Math.Round(venues / 50.0, MidpointRounding.AwayFromZero)),
            Schools = Math.Max(40, (int)Math.Round(venues * 0.027, MidpointRounding.ToZero)),
        };
    }

    /// <summary>Throws when the figures cannot make a district.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Streets, 1, nameof(Streets));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Streets, 500, nameof(Streets));
        ArgumentOutOfRangeException.ThrowIfLessThan(Communities, Streets, nameof(Communities));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Communities, 5000, nameof(Communities));
        ArgumentOutOfRangeException.ThrowIfNegative(Venues, nameof(Venues));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Venues, 5_000_000, nameof(Venues));
        ArgumentOutOfRangeException.ThrowIfNegative(Schools, nameof(Schools));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Schools, 200_000, nameof(Schools));
        ArgumentOutOfRangeException.ThrowIfNegative(Officers, nameof(Officers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Officers, 900_000, nameof(Officers));
    }
}
