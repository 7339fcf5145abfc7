using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Identifiers;

namespace Inspections.Infrastructure.Capture;

/// <summary>
/// The content hash of a submission: SHA-256 over the canonical JSON (<see cref="CanonicalJson"/>) of the parsed
/// <see cref="VisitSubmission"/> after normalisation — times in UTC, SHA-256 references in lower case, text trimmed,
/// the ID number normalised. Re-sending the same visit with other whitespace, key order or time-zone spelling is
/// therefore "the same content".
/// </summary>
public static class SubmissionCanonical
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static VisitSubmission Normalize(VisitSubmission s) => s with
    {
        OfficerIds = s.OfficerIds ?? [],
        CheckIn = s.CheckIn is null ? null! : s.CheckIn with { At = s.CheckIn.At.ToUniversalTime(), DistanceAckReason = Trim(s.CheckIn.DistanceAckReason) },
        PersonPresent = s.PersonPresent is null ? null! : s.PersonPresent with
        {
            Name = s.PersonPresent.Name?.Trim()!,
            Role = Trim(s.PersonPresent.Role),
            IdNumber = string.IsNullOrWhiteSpace(s.PersonPresent.IdNumber) ? null : ResidentId.Normalize(s.PersonPresent.IdNumber),
            Phone = Trim(s.PersonPresent.Phone),
        },
        Items = [.. (s.Items ?? []).Select(i => i is null ? null! : i with { Code = i.Code?.Trim()!, Note = Trim(i.Note), Photos = [.. (i.Photos ?? []).Select(Sha)] })],
        GeneralPhotos = [.. (s.GeneralPhotos ?? []).Select(Sha)],
        FindingsText = Trim(s.FindingsText),
        PartyComments = Trim(s.PartyComments),
        WitnessName = Trim(s.WitnessName),
        Signatures = [.. (s.Signatures ?? []).Select(x => x is null ? null! : x with { Name = x.Name?.Trim()!, Sha256 = Sha(x.Sha256) })],
        DeviceStartedAt = s.DeviceStartedAt.ToUniversalTime(),
        DeviceSubmittedAt = s.DeviceSubmittedAt.ToUniversalTime(),
    };

    public static JsonNode ToNode(VisitSubmission normalized) => JsonSerializer.SerializeToNode(normalized, Options)!;

    /// <summary>(hash of the full content, canonical JSON with the ID number masked for storage).</summary>
    public static (string Sha256, string StoredJson) Hash(VisitSubmission normalized)
    {
        var node = ToNode(normalized);
        var hash = CanonicalJson.Sha256Hex(node);
        if (node["personPresent"] is JsonObject person && person["idNumber"] is JsonValue id)
        {
            person["idNumber"] = ResidentId.Mask(id.ToString());
        }
        return (hash, CanonicalJson.Serialize(node));
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Sha(string? s) => (s ?? string.Empty).Trim().ToLowerInvariant();
}
