using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Inspections.IntegrationTests.Documents;

/// <summary>Pictures for document tests, encoded here so the tests need no imaging library.</summary>
internal static class TestImages
{
    /// <summary>A handwriting-like dark blue stroke on a transparent background (RGBA PNG), different for each <paramref name="variant"/>.</summary>
    public static byte[] SignaturePng(int variant = 0, int width = 360, int height = 120)
    {
        var rgba = new byte[width * height * 4];
        var previous = -1.0;
        for (var x = 12; x < width - 12; x++)
        {
            var t = (x - 12.0) / (width - 24);
            var y = height / 2.0 + Math.Sin(t * Math.PI * (3 + variant)) * height * 0.28 + Math.Sin(t * 23 + variant) * height * 0.08;
            var from = previous < 0 ? y : previous;
            for (var yy = Math.Min(from, y) - 2.2; yy <= Math.Max(from, y) + 2.2; yy += 0.5)
            {
                var py = (int)Math.Round(yy);
                if (py >= 0 && py < height)
                {
                    var i = (py * width + x) * 4;
                    (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = ((byte)20, (byte)40, (byte)120, (byte)255);
                }
            }

            previous = y;
        }

        return Png(width, height, rgba);
    }

    private static byte[] Png(int width, int height, byte[] rgba)
    {
        var raw = new byte[height * (1 + width * 4)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (1 + width * 4)] = 0; // filter: none
            Buffer.BlockCopy(rgba, y * width * 4, raw, y * (1 + width * 4) + 1, width * 4);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6); // 8 bits, RGBA
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var z = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", data.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32(typeAndData));
        s.Write(four);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
