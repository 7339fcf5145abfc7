using System.Globalization;
using System.Resources;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Registry.Import;
using Inspections.Web;
using Inspections.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Inspections.IntegrationTests.Components;

/// <summary>The UI texts resolve through the same localizer setup as the app, in both languages, for every enum label.</summary>
public sealed class LocalizationTests
{
    private static readonly Type[] LabelledEnums =
    [
        typeof(VenueType), typeof(VenueStatus), typeof(RiskClass), typeof(SchoolKind), typeof(DepartmentKind),
        typeof(OfficerStatus), typeof(JurisdictionLevel), typeof(ImportStatus), typeof(ImportRowStatus),
    ];

    internal static IStringLocalizer<SharedResource> CreateLocalizer()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        return services.BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    [Theory]
    [InlineData("zh-CN", "未成年人保护联合检查", "网吧", "D 高风险")]
    [InlineData("en", "Joint Inspections for Minors", "Internet café", "D – high risk")]
    public void TextsAndEnumLabelsFollowTheUiCulture(string culture, string title, string internetCafe, string riskD)
    {
        using var _ = new CultureScope(culture);
        var localizer = CreateLocalizer();

        Assert.Equal(title, localizer["App.Title"].Value);
        Assert.False(localizer["App.Title"].ResourceNotFound);
        Assert.Equal(internetCafe, localizer.Label(VenueType.InternetCafe));
        Assert.Equal(riskD, localizer.Label(RiskClass.D));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryEnumMemberHasALabel(string culture)
    {
        using var _ = new CultureScope(culture);
        var localizer = CreateLocalizer();

        var missing = LabelledEnums
            .SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}"))
            .Where(key => localizer[key].ResourceNotFound)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void ChineseAndEnglishResourcesHaveTheSameKeys()
    {
        var manager = new ResourceManager(ValidationMessages.BaseName, typeof(SharedResource).Assembly);
        var neutral = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var english = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("en"), true, false)!);

        Assert.Empty(neutral.Except(english));
        Assert.Empty(english.Except(neutral));
    }

    [Theory]
    [InlineData("zh-CN", "必填")]
    [InlineData("en", "Required")]
    public void ValidationMessagesAreLocalized(string culture, string required)
    {
        using var _ = new CultureScope(culture);

        Assert.Equal(required, ValidationMessages.Required);
    }

    private static HashSet<string> Keys(ResourceSet set) =>
        set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Sets the current (UI) culture for the duration of a test.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
