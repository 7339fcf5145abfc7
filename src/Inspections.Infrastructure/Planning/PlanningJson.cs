using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Inspections.Domain.Planning;

namespace Inspections.Infrastructure.Planning;

/// <summary>The one JSON shape of stored planning inputs, draw logs and reasons (enums as names, doubles round-trip).</summary>
public static class PlanningJson
{
    /// <remarks>
    /// Nulls are left out (a stored input for 10,000 venues is megabytes); only nulls, never other defaults, because
    /// some properties default to something else (<see cref="PlanningVenue.IsNightVenue"/> follows the venue type).
    /// </remarks>
    /// <remarks>
    /// The planner's documents (recorded input, draw log, unplanned list, reasons, teams) have compile-time metadata
    /// (<see cref="PlanningJsonContext"/>, same names and converters): the monthly job writes megabytes of them, and
    /// reflection-emitted accessors cost more JIT than the job's own code on its first run. Other types (edit log,
    /// audit summaries) still use reflection.
    /// </remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new PlanningMonthConverter() },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(PlanningJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is empty.");

    public static PlanningInput DeserializeInput(string json) => Deserialize<PlanningInput>(json);
}

/// <summary>Compile-time JSON metadata of the planner's documents, in the shape of <see cref="PlanningJson.Options"/>.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(PlanningMonthConverter)])]
[JsonSerializable(typeof(PlanningInput))]
[JsonSerializable(typeof(IReadOnlyList<DrawRecord>))]
[JsonSerializable(typeof(List<DrawRecord>))]
[JsonSerializable(typeof(IReadOnlyList<UnplannedVisit>))]
[JsonSerializable(typeof(List<UnplannedVisit>))]
[JsonSerializable(typeof(IReadOnlyList<VisitReason>))]
[JsonSerializable(typeof(List<VisitReason>))]
[JsonSerializable(typeof(List<PlannedTeamRecord>))]
internal sealed partial class PlanningJsonContext : JsonSerializerContext;

/// <summary>{"year":2027,"month":3}; the struct's validating constructor is not one System.Text.Json would call.</summary>
internal sealed class PlanningMonthConverter : JsonConverter<PlanningMonth>
{
    public override PlanningMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A planning month is an object.");
        }
        int? year = null, month = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "year", StringComparison.OrdinalIgnoreCase))
            {
                year = reader.GetInt32();
            }
            else if (string.Equals(name, "month", StringComparison.OrdinalIgnoreCase))
            {
                month = reader.GetInt32();
            }
            else
            {
                reader.Skip();
            }
        }
        return new PlanningMonth(year ?? throw new JsonException("year is missing."), month ?? throw new JsonException("month is missing."));
    }

    public override void Write(Utf8JsonWriter writer, PlanningMonth value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("year", value.Year);
        writer.WriteNumber("month", value.Month);
        writer.WriteEndObject();
    }
}
