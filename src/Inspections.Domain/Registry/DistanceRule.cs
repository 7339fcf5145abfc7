namespace Inspections.Domain.Registry;

/// <summary>
/// A minimum distance between a venue type and kinds of school, measured in metres on geography.
/// The internet-café rule (200 m, 网吧条例 Art. 9) is national; tobacco distances are local and configured.
/// </summary>
public sealed record DistanceRule(string Code, VenueType VenueType, IReadOnlyList<SchoolKind> SchoolKinds, double MinimumMetres, string LegalBasis)
{
    public static IReadOnlyList<DistanceRule> Defaults { get; } =
    [
        new("internet_cafe_school_200m", VenueType.InternetCafe, [SchoolKind.Primary, SchoolKind.Middle, SchoolKind.NineYear], 200, "《互联网上网服务营业场所管理条例》第九条"),
        new("esports_venue_school_200m", VenueType.EsportsVenue, [SchoolKind.Primary, SchoolKind.Middle, SchoolKind.NineYear], 200, "《互联网上网服务营业场所管理条例》第九条"),
        new("tobacco_school_50m", VenueType.TobaccoRetail, [SchoolKind.Kindergarten, SchoolKind.Primary, SchoolKind.Middle, SchoolKind.NineYear, SchoolKind.HighSchool], 50, "地方烟草专卖零售许可管理规定（距离为地方标准，可配置）"),
    ];
}
