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

    public static byte[] Compress(string text) => Compress(Encoding.UTF8.GetBytes(text));

    /// <summary>Gzip (fastest level) of <paramref name="data"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream((data.Length / 4) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
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

    public static string Decompress(byte[] stored) => Encoding.UTF8.GetString(IsGzip(stored) ? Gunzip(stored) : stored);

    /// <summary>Whether <paramref name="data"/> starts with the gzip magic bytes 1F 8B.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B;

    public static byte[] Gunzip(byte[] stored)
    {
        using var gzip = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 4);
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
