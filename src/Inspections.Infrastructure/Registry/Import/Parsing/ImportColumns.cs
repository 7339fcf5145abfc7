using System.Text;

namespace Inspections.Infrastructure.Registry.Import.Parsing;

/// <summary>The columns of an import file, their English and Chinese header names, and header matching.</summary>
internal static class ImportColumns
{
    public const string Name = "name";
    public const string Type = "type";
    public const string CreditCode = "creditCode";
    public const string LicenceNumbers = "licenceNumbers";
    public const string Address = "address";
    public const string Longitude = "longitude";
    public const string Latitude = "latitude";
    public const string OpeningHours = "openingHours";
    public const string IsNightVenue = "isNightVenue";
    public const string Status = "status";
    public const string RiskClass = "riskClass";
    public const string LegalRepresentative = "legalRepresentative";
    public const string LegalRepresentativeIdNumber = "legalRepresentativeIdNumber";
    public const string ContactPhone = "contactPhone";
    public const string JurisdictionCode = "jurisdictionCode";

    /// <summary>Canonical name, the Chinese header used by the template, then further aliases.</summary>
    public static readonly IReadOnlyList<(string Field, string Chinese, string[] Aliases)> All =
    [
        (Name, "名称", ["场所名称", "单位名称"]),
        (Type, "类型", ["场所类型"]),
        (CreditCode, "统一社会信用代码", ["信用代码", "社会信用代码"]),
        (LicenceNumbers, "许可证号", ["licenseNumbers", "许可证编号"]),
        (Address, "地址", ["场所地址", "经营地址"]),
        (Longitude, "经度", ["lon", "lng"]),
        (Latitude, "纬度", ["lat"]),
        (OpeningHours, "营业时间", []),
        (IsNightVenue, "夜间场所", []),
        (Status, "状态", ["经营状态"]),
        (RiskClass, "风险等级", ["信用风险等级"]),
        (LegalRepresentative, "法定代表人", ["法人"]),
        (LegalRepresentativeIdNumber, "法定代表人身份证号", ["法人身份证号"]),
        (ContactPhone, "联系电话", ["电话"]),
        (JurisdictionCode, "社区编码", ["communityCode"]),
    ];

    /// <summary>Columns a CSV or XLSX header must have. GeoJSON features are checked row by row instead.</summary>
    public static readonly IReadOnlyList<string> Required = [Name, Type, Address, Longitude, Latitude];

    private static readonly Dictionary<string, string> ByKey = BuildIndex();

    public static string Describe(string field) => $"{field}/{All.First(c => c.Field == field).Chinese}";

    /// <summary>The field a header names, or null. "经度(WGS-84)" and "名称 name" style headers work too.</summary>
    public static string? Resolve(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        if (ByKey.TryGetValue(Key(header), out var field))
        {
            return field;
        }
        var open = header.IndexOfAny(['(', '（', '[', '【']);
        if (open > 0)
        {
            if (ByKey.TryGetValue(Key(header[..open]), out field))
            {
                return field;
            }
            var inner = header[(open + 1)..].TrimEnd(')', '）', ']', '】');
            if (ByKey.TryGetValue(Key(inner), out field))
            {
                return field;
            }
        }
        return null;
    }

    private static Dictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, chinese, aliases) in All)
        {
            index[Key(field)] = field;
            index[Key(chinese)] = field;
            foreach (var alias in aliases)
            {
                index[Key(alias)] = field;
            }
        }
        return index;
    }

    /// <summary>Case, width, spaces, underscores, hyphens and a byte order mark do not matter.</summary>
    private static string Key(string header)
    {
        var s = header.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (ch is '\uFEFF' or '_' or '-' or '*' || char.IsWhiteSpace(ch))
            {
                continue;
            }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
