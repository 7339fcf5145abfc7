using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// Stores a large JSON document (a plan's draw log and unplanned list; its input until ADR 22) as gzip in a bytea
/// column (ADR 19): the planner's documents for a street are megabytes, and PostgreSQL parsing them as jsonb and
/// compressing them again with pglz cost more than drawing the plan. Reading accepts plain UTF-8 too (rows converted
/// from jsonb by the migration); JSON text never starts with the gzip magic bytes 1F 8B.
/// </summary>
public static class CompressedText
{
    public static readonly ValueConverter<string, byte[]> Converter = new(v => Compress(v), v => Decompress(v));

    public static byte[] Compress(string text)
    {
        using var output = new MemoryStream(text.Length / 4);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            gzip.Write(bytes, 0, bytes.Length);
        }
        return output.ToArray();
    }

    /// <summary>Gzip of what <paramref name="write"/> writes (hand-written JSON of large documents).</summary>
    public static byte[] Write(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new System.Text.Json.Utf8JsonWriter(gzip))
        {
            write(writer);
        }
        return output.ToArray();
    }

    public static string Decompress(byte[] stored)
    {
        if (stored.Length < 2 || stored[0] != 0x1F || stored[1] != 0x8B)
        {
            return Encoding.UTF8.GetString(stored);
        }
        using var gzip = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
