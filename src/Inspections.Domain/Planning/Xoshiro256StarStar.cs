using System.Numerics;
using Inspections.Domain.Common;

namespace Inspections.Domain.Planning;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna, public domain) seeded through SplitMix64. Written out here instead of
/// System.Random, whose algorithm may change between .NET versions, so a published draw can be replayed
/// years later or in another language.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    private Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>For checking against the reference implementation's test vectors.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new DomainException("planning.prng.zero_state", "The xoshiro state must not be all zero.");
        }
        return new(s0, s1, s2, s3);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound): rejects the lowest (2^64 mod bound) outputs, then takes the remainder.</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
        {
            throw new DomainException("planning.prng.bound", "The bound must be positive.");
        }
        var b = (ulong)bound;
        var threshold = (0UL - b) % b;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % b);
            }
        }
    }
}

public static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a fixed bijective hash of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
