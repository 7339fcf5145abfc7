using System.Buffers.Binary;

namespace Inspections.Domain.Capture;

/// <summary>Content type and pixel size read from the first bytes of a JPEG, PNG or WebP file (no decoding).</summary>
public sealed record ImageInfo(string ContentType, int Width, int Height);

public static class ImageHeader
{
    /// <summary>Null when the bytes are not a JPEG, PNG or WebP whose size can be read.</summary>
    public static ImageInfo? Read(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) &&
            b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Valid("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(b.Slice(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(b.Slice(20, 4)));
        }
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return Jpeg(b);
        }
        if (b.Length >= 30 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP(b);
        }
        return null;
    }

    private static ImageInfo? Valid(string type, int w, int h) => w > 0 && h > 0 && w <= 65535 && h <= 65535 ? new ImageInfo(type, w, h) : null;

    private static ImageInfo? Jpeg(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }
            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 2, 2));
            if (length < 2)
            {
                return null;
            }
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 9 > b.Length)
                {
                    return null;
                }
                return Valid("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 5, 2)));
            }
            if (marker == 0xDA)
            {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static ImageInfo? WebP(ReadOnlySpan<byte> b)
    {
        var chunk = b.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var w = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
            var h = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
            return Valid("image/webp", w, h);
        }
        if (chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
        {
            return Valid("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(26, 2)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(28, 2)) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(21, 4));
            return Valid("image/webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        return null;
    }
}
