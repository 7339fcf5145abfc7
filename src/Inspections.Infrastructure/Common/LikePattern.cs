namespace Inspections.Infrastructure.Common;

/// <summary>Builds ILIKE patterns that match user text literally (escape character <c>\</c>).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>"%text%" with \, % and _ escaped, so a search for "50%" finds exactly that.</summary>
    public static string Contains(string text) =>
        "%" + text.Trim()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
