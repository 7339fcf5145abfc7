using Inspections.Domain.Planning;

namespace Inspections.Infrastructure.Planning;

/// <summary>
/// A plan's recorded input as stored in <c>monthly_plans.input</c> (ADR 22): gzip of its canonical encoding
/// (<see cref="InputEncoding"/>). Plans drawn before that hold gzip JSON or plain JSON of the <see cref="PlanningInput"/>
/// (ADR 19); <see cref="Read"/> tells them apart by content, so every stored plan still replays.
/// </summary>
public static class RecordedInputDocument
{
    public static byte[] Compress(ReadOnlySpan<byte> encoded) => CompressedText.Compress(encoded);

    /// <summary>The input back; <paramref name="seed"/> is the plan's (the encoding does not hold it, JSON does).</summary>
    public static PlanningInput Read(byte[] stored, ulong seed)
    {
        var data = CompressedText.IsGzip(stored) ? CompressedText.Gunzip(stored) : stored;
        return InputEncoding.IsEncoding(data)
            ? InputEncoding.Decode(data, seed)
            : PlanningJson.DeserializeInput(System.Text.Encoding.UTF8.GetString(data));
    }
}
