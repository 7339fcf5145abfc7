using System.IO.Compression;
using Inspections.Domain.Planning;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// A plan's recorded input as stored in <c>monthly_plans.input</c> (ADR 22): gzip of its canonical encoding
/// (<see cref="InputEncoding"/>). Plans drawn before that hold gzip JSON or plain JSON of the <see cref="PlanningInput"/>
/// (ADR 19); <see cref="Read"/> tells them apart by content, so every stored plan still replays.
/// </summary>
public static class RecordedInputDocument
{
    public static byte[] Compress(ReadOnlySpan<byte> encoded)
    {
        using var output = new MemoryStream((encoded.Length / 4) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(encoded);
        }
        return output.ToArray();
    }

    /// <summary>The input back; <paramref name="seed"/> is the plan's (the encoding does not hold it, JSON does).</summary>
    public static PlanningInput Read(byte[] stored, ulong seed)
    {
        var data = IsGzip(stored) ? Decompress(stored) : stored;
        return InputEncoding.IsEncoding(data)
            ? InputEncoding.Decode(data, seed)
            : PlanningJson.DeserializeInput(System.Text.Encoding.UTF8.GetString(data));
    }

    private static bool IsGzip(byte[] data) => data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B;

    private static byte[] Decompress(byte[] stored)
    {
        using var gzip = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 4);
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
