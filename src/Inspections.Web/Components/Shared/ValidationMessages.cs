using System.Globalization;
using System.Resources;

namespace Inspections.Web.Components.Shared;

/// <summary>
/// DataAnnotations error messages in the UI language. Validation attributes take a resource type with static
/// properties (ErrorMessageResourceType), not an IStringLocalizer, so this reads the same SharedResource.resx.
/// </summary>
public static class ValidationMessages
{
    public const string BaseName = "Inspections.Web.Resources.SharedResource";

    private static readonly ResourceManager Resources = new(BaseName, typeof(SharedResource).Assembly);

    public static string Required => Get(nameof(Required));

    /// <summary>{1} is the maximum length.</summary>
    public static string StringLength => Get(nameof(StringLength));

    /// <summary>{1} and {2} are the bounds.</summary>
    public static string Range => Get(nameof(Range));

    public static string OpeningHours => Get(nameof(OpeningHours));

    public static string OverrideReason => Get(nameof(OverrideReason));

    private static string Get(string name) =>
        Resources.GetString("Validation." + name, CultureInfo.CurrentUICulture) ?? name;
}
