using System.Globalization;
using Inspections.Domain.Common;

namespace Inspections.Domain.Rectification;

/// <summary>
/// Local number format of notices. Tokens: <c>{prefix}</c> (the department's short name + document code, e.g.
/// 龙华市监责改), <c>{year}</c>, <c>{serial}</c> (optionally padded: <c>{serial:000}</c>).
/// Default <c>{prefix}〔{year}〕{serial}号</c> → 龙华市监责改〔2026〕17号.
/// </summary>
public static class NoticeNumberFormat
{
    public const string Default = "{prefix}〔{year}〕{serial}号";

    public static string Format(string format, string prefix, int year, int serial)
    {
        if (string.IsNullOrWhiteSpace(format) || !format.Contains("{serial", StringComparison.Ordinal))
        {
            throw new DomainException("numberFormat.invalid", "The number format must contain {serial}.");
        }
        var text = format.Replace("{prefix}", prefix, StringComparison.Ordinal)
            .Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var start = text.IndexOf("{serial", StringComparison.Ordinal);
        var end = text.IndexOf('}', start);
        var token = text[start..(end + 1)];
        var pad = token.Length > "{serial}".Length ? token["{serial:".Length..^1] : null;
        return text.Replace(token, serial.ToString(pad, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
