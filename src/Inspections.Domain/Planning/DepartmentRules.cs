using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// Which departments a joint team needs for the venue types on its route ("进一次门、查多项事").
/// The default is the department column of the venue-type table in DOMAIN.md, plus police and market
/// supervision on every team because they take part in every joint operation.
/// </summary>
public sealed record DepartmentRules(
    IReadOnlyList<DepartmentKind> Always,
    IReadOnlyDictionary<VenueType, IReadOnlyList<DepartmentKind>> ByVenueType)
{
    public static DepartmentRules Default { get; } = new(
        [DepartmentKind.Police, DepartmentKind.MarketSupervision],
        new Dictionary<VenueType, IReadOnlyList<DepartmentKind>>
        {
            [VenueType.InternetCafe] = [DepartmentKind.Culture, DepartmentKind.Police, DepartmentKind.MarketSupervision],
            [VenueType.EsportsVenue] = [DepartmentKind.Culture, DepartmentKind.Police, DepartmentKind.MarketSupervision],
            [VenueType.Ktv] = [DepartmentKind.Culture, DepartmentKind.Police],
            [VenueType.GameArcade] = [DepartmentKind.Culture, DepartmentKind.Police],
            [VenueType.Bar] = [DepartmentKind.MarketSupervision, DepartmentKind.Police],
            [VenueType.Hotel] = [DepartmentKind.Police, DepartmentKind.MarketSupervision],
            [VenueType.EsportsHotel] = [DepartmentKind.Police, DepartmentKind.Culture, DepartmentKind.MarketSupervision],
            [VenueType.TattooShop] = [DepartmentKind.MarketSupervision, DepartmentKind.Health],
            [VenueType.TobaccoRetail] = [DepartmentKind.Tobacco, DepartmentKind.MarketSupervision],
            [VenueType.TutoringCentre] = [DepartmentKind.Education, DepartmentKind.MarketSupervision, DepartmentKind.Police],
            [VenueType.EscapeRoom] = [DepartmentKind.Culture, DepartmentKind.Fire, DepartmentKind.MarketSupervision],
        }.AsReadOnly());

    /// <summary>The departments a team visiting this venue type needs, in enum order.</summary>
    public IReadOnlyList<DepartmentKind> RequiredFor(VenueType type)
    {
        var set = new SortedSet<DepartmentKind>(Always);
        if (ByVenueType.TryGetValue(type, out var extra))
        {
            set.UnionWith(extra);
        }
        return [.. set];
    }
}
