namespace Inspections.Domain.Identifiers;

/// <summary>Resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character.</summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckMap = "10X98765432";

    public static string Normalize(string? id) => (id ?? string.Empty).Trim().ToUpperInvariant();

    public static bool IsValid(string? id)
    {
        var s = Normalize(id);
        if (s.Length != 18)
        {
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        if (!DateOnly.TryParseExact(s.Substring(6, 8), "yyyyMMdd", out var birth) || birth.Year < 1850)
        {
            return false;
        }
        return ComputeCheck(s[..17]) == s[17];
    }

    public static char ComputeCheck(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException("Only digits are allowed.", nameof(first17));
            }
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckMap[sum % 11];
    }

    /// <summary>Masks all but the first four and last four characters: 1101**********002X.</summary>
    public static string Mask(string? id)
    {
        var s = Normalize(id);
        if (s.Length == 0)
        {
            return string.Empty;
        }
        if (s.Length <= 8)
        {
            return new string('*', s.Length);
        }
        return string.Concat(s.AsSpan(0, 4), new string('*', s.Length - 8), s.AsSpan(s.Length - 4));
    }

    public static DateOnly? BirthDate(string? id) =>
        IsValid(id) && DateOnly.TryParseExact(Normalize(id).Substring(6, 8), "yyyyMMdd", out var d) ? d : null;
}
