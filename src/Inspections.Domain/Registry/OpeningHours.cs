namespace Inspections.Domain.Registry;

/// <summary>A daily opening window. <see cref="Closes"/> at or before <see cref="Opens"/> means it runs past midnight.</summary>
public sealed record OpeningHours(TimeOnly Opens, TimeOnly Closes)
{
    public bool Overnight => Closes <= Opens;

    public bool IsOpenAt(TimeOnly t) => Overnight ? t >= Opens || t < Closes : t >= Opens && t < Closes;

    public override string ToString() => $"{Opens:HH\\:mm}-{Closes:HH\\:mm}";

    public static bool TryParse(string? text, out OpeningHours? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Replace('–', '-').Replace('—', '-').Replace('~', '-').Replace('～', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return false;
        }
        if (!TryParseTime(parts[0], out var opens) || !TryParseTime(parts[1], out var closes))
        {
            return false;
        }
        hours = new OpeningHours(opens, closes);
        return true;
    }

    private static bool TryParseTime(string s, out TimeOnly t)
    {
        if (s is "24:00" or "24:00:00")
        {
            t = TimeOnly.MinValue;
            return true;
        }
        return TimeOnly.TryParseExact(s, ["H:mm", "HH:mm", "HH:mm:ss"], out t);
    }
}
