using System.Buffers.Binary;

namespace Inspections.Domain.Planning;

/// <summary>
/// Orders ids as their lowercase hex text orders (RFC 9562 byte order), which anyone can reproduce,
/// rather than by <see cref="Guid.CompareTo(Guid)"/>.
/// </summary>
public static class CanonicalId
{
    public static UInt128 Key(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static int Compare(Guid a, Guid b) => Key(a).CompareTo(Key(b));

    /// <summary>A 64-bit hash of the id mixed with the seed: a reproducible tie-break that no id wins every month.</summary>
    public static ulong TieBreak(ulong seed, Guid id)
    {
        var key = Key(id);
        return SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)(key >> 64)) ^ (ulong)key);
    }

    /// <summary>A name-based id (UUID version 8 over SHA-256), identical on every replay.</summary>
    public static Guid Derive(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
