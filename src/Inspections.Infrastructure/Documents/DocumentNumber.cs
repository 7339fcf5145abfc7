using System.Globalization;

namespace Inspections.Infrastructure.Documents;

/// <summary>Document numbers (文号) such as 龙华市监责改〔2026〕17号. The prefix is local (per authority and document type).</summary>
public static class DocumentNumber
{
    public static string Format(string prefix, int year, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕{sequence}号");
    }
}
