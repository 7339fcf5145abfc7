namespace Inspections.Domain.Registry;

/// <summary>A soft problem with a record. It never blocks a save once an officer overrides it with a reason.</summary>
public sealed record ValidationWarning(string Code, string Message, IReadOnlyList<string>? Related = null);

/// <summary>An officer's decision to keep a record despite a warning, stored with the record.</summary>
public sealed record ValidationOverride(string Code, string Reason, string OverriddenBy, DateTimeOffset OverriddenAt);

public static class WarningCodes
{
    public const string CreditCodeInvalid = "credit_code.invalid";
    public const string CreditCodeMissing = "credit_code.missing";
    public const string OutsideChina = "location.outside_china";
    public const string OutsideJurisdiction = "location.outside_jurisdiction";
    public const string DuplicateCreditCode = "duplicate.credit_code";
    public const string DuplicateNameNearby = "duplicate.name_nearby";
}
