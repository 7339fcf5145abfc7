namespace Inspections.Domain.Common;

public static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            throw new DomainException($"{field}.required", $"{field} is required.");
        }
        if (v.Length > maxLength)
        {
            throw new DomainException($"{field}.too_long", $"{field} must be at most {maxLength} characters.");
        }
        return v;
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (v.Length > maxLength)
        {
            throw new DomainException($"{field}.too_long", $"{field} must be at most {maxLength} characters.");
        }
        return v;
    }
}
