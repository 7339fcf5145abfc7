using Inspections.Domain.Planning;

namespace Inspections.Domain.Tests.Planning;

public sealed class RandomTests
{
    [Fact]
    public void SplitMix64MatchesTheReferenceOutput()
    {
        var state = 0UL;

        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro256StarStarMatchesTheReferenceImplementation()
    {
        var rng = Xoshiro256StarStar.FromState(1, 2, 3, 4);

        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL], Enumerable.Range(0, 5).Select(_ => rng.NextUInt64()));
    }

    [Fact]
    public void SeedingGoesThroughSplitMix64()
    {
        var rng = new Xoshiro256StarStar(42);

        Assert.Equal([1546998764402558742UL, 6990951692964543102UL, 12544586762248559009UL], Enumerable.Range(0, 3).Select(_ => rng.NextUInt64()));
    }

    [Fact]
    public void NextIntStaysInRangeAndCoversItEvenly()
    {
        var rng = new Xoshiro256StarStar(2026);
        var counts = new int[7];

        for (var i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
