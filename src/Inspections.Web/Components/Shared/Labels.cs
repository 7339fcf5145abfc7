using System.Globalization;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Inspections.Web.Components.Shared;

/// <summary>
/// One place for the localized labels and colours of registry values, so every page names a venue type,
/// status or risk class the same way. Keys follow "EnumType.Member" in SharedResource.resx.
/// </summary>
public static class Labels
{
    /// <summary>China Standard Time has no daylight saving; a fixed offset avoids depending on tzdata.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string Label<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum =>
        localizer[$"{typeof(TEnum).Name}.{value}"];

    public static string Label<TEnum>(this IStringLocalizer localizer, TEnum? value)
        where TEnum : struct, Enum =>
        value is { } v ? localizer.Label(v) : string.Empty;

    /// <summary>The warning's text in the UI language; the domain's English message when no translation exists.</summary>
    public static string WarningText(this IStringLocalizer localizer, ValidationWarning warning) =>
        Lookup(localizer, $"Warning.{warning.Code}") ?? warning.Message;

    public static string WarningTitle(this IStringLocalizer localizer, string code) =>
        Lookup(localizer, $"WarningTitle.{code}") ?? code;

    /// <summary>A domain rule break (DomainException.Code) in the UI language, falling back to the domain message.</summary>
    public static string ErrorText(this IStringLocalizer localizer, string code, string message) =>
        Lookup(localizer, $"Error.{code}") ?? message;

    /// <summary>An import row error in the UI language: the coded text with the offending value, else the stored message.</summary>
    public static string ImportErrorText(this IStringLocalizer localizer, Inspections.Infrastructure.Registry.Import.ImportFieldError error) =>
        error.Code is { } code && Lookup(localizer, $"Error.{code}") is { } text
            ? string.Format(CultureInfo.CurrentCulture, text, error.Value ?? string.Empty)
            : error.Message;

    /// <summary>An import column (English key such as riskClass) as the venue form labels it; unknown keys as they are.</summary>
    public static string ImportField(this IStringLocalizer localizer, string field) => field switch
    {
        "jurisdictionCode" => Lookup(localizer, "Venue.Community") ?? field,
        { Length: > 0 } => Lookup(localizer, "Venue." + char.ToUpperInvariant(field[0]) + field[1..]) ?? field,
        _ => field,
    };

    public static string DistanceRule(this IStringLocalizer localizer, string? code) =>
        code is null ? string.Empty : Lookup(localizer, $"DistanceRule.{code}") ?? code;

    public static string CreditCodeProblem(this IStringLocalizer localizer, CreditCodeCheck check) =>
        localizer[$"CreditCodeCheck.{check}"];

    public static Color ColorOf(RiskClass risk) => risk switch
    {
        RiskClass.A => Color.Success,
        RiskClass.B => Color.Info,
        RiskClass.C => Color.Warning,
        _ => Color.Error,
    };

    public static Color ColorOf(VenueStatus status) => status switch
    {
        VenueStatus.Operating => Color.Success,
        VenueStatus.Suspended => Color.Warning,
        _ => Color.Default,
    };

    public static Color ColorOf(OfficerStatus status) => status switch
    {
        OfficerStatus.Active => Color.Success,
        OfficerStatus.OnLeave => Color.Warning,
        _ => Color.Default,
    };

    public static string Local(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Metres(double? metres) =>
        metres is { } m ? m.ToString("#,0", System.Globalization.CultureInfo.CurrentCulture) + " m" : "—";

    private static string? Lookup(IStringLocalizer localizer, string key)
    {
        var s = localizer[key];
        return s.ResourceNotFound ? null : s.Value;
    }
}
