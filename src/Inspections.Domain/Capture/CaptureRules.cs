using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Capture;

/// <summary>Check-in rule: farther than the limit from the venue requires an acknowledged reason.</summary>
public static class CheckInRule
{
    public const int DefaultLimitMetres = 200;

    /// <summary>True when the check-in is acceptable: within the limit, or beyond it with a non-blank reason.</summary>
    public static bool IsAcceptable(double distanceMetres, int limitMetres, string? reason) =>
        distanceMetres <= limitMetres || !string.IsNullOrWhiteSpace(reason);

    public static bool RequiresReason(double distanceMetres, int limitMetres) => distanceMetres > limitMetres;
}

/// <summary>A joint visit checks the union of the items of the departments present (进一次门、查多项事).</summary>
public static class ChecklistUnion
{
    public static IReadOnlyList<ChecklistItem> ItemsFor(IEnumerable<ChecklistItem> packItems, IEnumerable<DepartmentKind> departmentsPresent)
    {
        var present = departmentsPresent.ToHashSet();
        return [.. packItems.Where(i => present.Contains(i.DepartmentKind)).OrderBy(i => i.SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal)];
    }

    /// <summary>Departments present whose items are missing from <paramref name="answeredItemIds"/>; empty when covered.</summary>
    public static IReadOnlyList<string> MissingCodes(IEnumerable<ChecklistItem> packItems, IEnumerable<DepartmentKind> departmentsPresent,
        IEnumerable<Guid> answeredItemIds)
    {
        var answered = answeredItemIds.ToHashSet();
        return [.. ItemsFor(packItems, departmentsPresent).Where(i => !answered.Contains(i.Id)).Select(i => i.Code)];
    }
}

/// <summary>
/// Canonical JSON (object keys sorted by ordinal, no whitespace, numbers in shortest round-trip form, strings with
/// the default escaping) and its SHA-256. Two submissions that parse to the same content hash the same whatever
/// their key order, whitespace or number spelling.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    public static string Sha256Hex(JsonNode? node) => Sha256Hex(Serialize(node));

    public static string Sha256Hex(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    sb.Append(JsonSerializer.Serialize(key));
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                WriteValue(sb, v);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue v)
    {
        var element = v.GetValueKind();
        switch (element)
        {
            case JsonValueKind.String:
                sb.Append(JsonSerializer.Serialize(v.GetValue<object>() is JsonElement e ? e.GetString() : v.ToString()));
                break;
            case JsonValueKind.Number:
                var d = v.GetValue<object>() is JsonElement ne ? ne.GetDouble() : Convert.ToDouble(v.GetValue<object>(), CultureInfo.InvariantCulture);
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }
}
