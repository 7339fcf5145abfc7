using System.Globalization;
using System.Text;
using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Registry.Import.Parsing;

/// <summary>Reads the coded values of an import row: enum names or the Chinese labels officers use.</summary>
internal static class ImportValues
{
    private static readonly Dictionary<string, VenueType> TypeLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["网吧"] = VenueType.InternetCafe,
        ["网咖"] = VenueType.InternetCafe,
        ["互联网上网服务营业场所"] = VenueType.InternetCafe,
        ["电竞馆"] = VenueType.EsportsVenue,
        ["KTV"] = VenueType.Ktv,
        ["歌舞娱乐"] = VenueType.Ktv,
        ["歌舞娱乐场所"] = VenueType.Ktv,
        ["游艺厅"] = VenueType.GameArcade,
        ["游艺娱乐场所"] = VenueType.GameArcade,
        ["酒吧"] = VenueType.Bar,
        ["酒店"] = VenueType.Hotel,
        ["宾馆"] = VenueType.Hotel,
        ["旅馆"] = VenueType.Hotel,
        ["民宿"] = VenueType.Hotel,
        ["电竞酒店"] = VenueType.EsportsHotel,
        ["文身店"] = VenueType.TattooShop,
        ["纹身店"] = VenueType.TattooShop,
        ["烟草"] = VenueType.TobaccoRetail,
        ["烟酒"] = VenueType.TobaccoRetail,
        ["彩票"] = VenueType.TobaccoRetail,
        ["烟酒彩票销售点"] = VenueType.TobaccoRetail,
        ["培训机构"] = VenueType.TutoringCentre,
        ["托管"] = VenueType.TutoringCentre,
        ["托管机构"] = VenueType.TutoringCentre,
        ["密室"] = VenueType.EscapeRoom,
        ["密室逃脱"] = VenueType.EscapeRoom,
        ["剧本杀"] = VenueType.EscapeRoom,
    };

    private static readonly Dictionary<string, VenueStatus> StatusLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["营业"] = VenueStatus.Operating,
        ["正常营业"] = VenueStatus.Operating,
        ["在营"] = VenueStatus.Operating,
        ["停业"] = VenueStatus.Suspended,
        ["暂停营业"] = VenueStatus.Suspended,
        ["注销"] = VenueStatus.Closed,
        ["已注销"] = VenueStatus.Closed,
    };

    private static readonly string[] TrueWords = ["true", "yes", "y", "1", "是", "√", "✓"];
    private static readonly string[] FalseWords = ["false", "no", "n", "0", "否", "×", "✗"];

    public static string TypeHint { get; } =
        "Use a Chinese label (网吧, 电竞馆, KTV, 歌舞娱乐, 游艺厅, 酒吧, 酒店, 宾馆, 旅馆, 民宿, 电竞酒店, 文身店, 烟草, 烟酒, 彩票, 培训机构, 托管, 密室, 剧本杀) or "
        + string.Join(", ", Enum.GetNames<VenueType>()) + ".";

    public static bool TryParseType(string text, out VenueType type) =>
        TypeLabels.TryGetValue(Compact(text), out type) || TryParseEnumName(text, out type);

    public static bool TryParseStatus(string text, out VenueStatus status) =>
        StatusLabels.TryGetValue(Compact(text), out status) || TryParseEnumName(text, out status);

    /// <summary>A, B, C, D; "B类" and "B级" too.</summary>
    public static bool TryParseRiskClass(string text, out RiskClass risk)
    {
        var s = Compact(text).TrimEnd('类', '级');
        return TryParseEnumName(s, out risk);
    }

    public static bool TryParseBool(string text, out bool value)
    {
        var s = Compact(text);
        if (TrueWords.Contains(s, StringComparer.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return FalseWords.Contains(s, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A plain decimal number with a dot (full-width digits are accepted).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Normalize(NormalizationForm.FormKC).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static bool TryParseEnumName<T>(string text, out T value)
        where T : struct, Enum
    {
        var s = text.Trim();
        if (s.Length > 0 && char.IsAsciiLetter(s[0]) && !s.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(s, ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }
        value = default;
        return false;
    }

    private static string Compact(string text) => text.Normalize(NormalizationForm.FormKC).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
}
