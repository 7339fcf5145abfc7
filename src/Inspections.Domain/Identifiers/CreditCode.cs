namespace Inspections.Domain.Identifiers;

/// <summary>
/// Unified social credit code (统一社会信用代码, GB 32100-2015) with the embedded
/// organisation code (GB 11714). Real registrations sometimes fail the checksum,
/// so callers treat a failure as an overridable warning, not a rejection.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static string Normalize(string? code) =>
        (code ?? string.Empty).Trim().ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);

    public static CreditCodeCheck Check(string? code)
    {
        var c = Normalize(code);
        if (c.Length == 0)
        {
            return CreditCodeCheck.Missing;
        }
        if (c.Length != 18)
        {
            return CreditCodeCheck.WrongLength;
        }
        foreach (var ch in c)
        {
            if (Alphabet.IndexOf(ch) < 0)
            {
                return CreditCodeCheck.InvalidCharacter;
            }
        }
        if (ComputeCheckCharacter(c[..17]) != c[17])
        {
            return CreditCodeCheck.ChecksumMismatch;
        }
        var org = c.Substring(8, 9);
        if (!IsDigitsOrUpperLetters(org[..8]) || ComputeOrganisationCheck(org[..8]) != org[8])
        {
            return CreditCodeCheck.OrganisationCodeMismatch;
        }
        return CreditCodeCheck.Valid;
    }

    public static bool IsValid(string? code) => Check(code) == CreditCodeCheck.Valid;

    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit-code character.", nameof(first17));
            }
            sum += v * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>GB 11714 check character over the first eight characters of an organisation code.</summary>
    public static char ComputeOrganisationCheck(string first8)
    {
        ArgumentNullException.ThrowIfNull(first8);
        if (first8.Length != 8)
        {
            throw new ArgumentException("Exactly 8 characters are needed.", nameof(first8));
        }
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += OrgValue(first8[i]) * OrgWeights[i];
        }
        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    /// <summary>Builds a valid code from a 6-digit region code, registration kind and an 8-character organisation body.</summary>
    public static string Compose(char department, char kind, string region6, string orgBody8)
    {
        var org = orgBody8 + ComputeOrganisationCheck(orgBody8);
        var first17 = $"{department}{kind}{region6}{org}";
        return first17 + ComputeCheckCharacter(first17);
    }

    private static int OrgValue(char ch) => ch switch
    {
        >= '0' and <= '9' => ch - '0',
        >= 'A' and <= 'Z' => ch - 'A' + 10,
        _ => throw new ArgumentException($"'{ch}' is not an organisation-code character."),
    };

    private static bool IsDigitsOrUpperLetters(string s)
    {
        foreach (var ch in s)
        {
            if (ch is not (>= '0' and <= '9') and not (>= 'A' and <= 'Z'))
            {
                return false;
            }
        }
        return true;
    }
}

public enum CreditCodeCheck
{
    Valid,
    Missing,
    WrongLength,
    InvalidCharacter,
    ChecksumMismatch,
    OrganisationCodeMismatch,
}
