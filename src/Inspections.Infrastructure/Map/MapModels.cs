using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Map;

/// <summary>
/// What the map shows: every list is "any of" (empty = all). <see cref="Department"/> keeps the venue types that
/// department covers (<see cref="Domain.Planning.DepartmentRules"/>); <see cref="JurisdictionId"/> a street or
/// community and its communities, always within the user's own jurisdictions.
/// </summary>
public sealed record MapFilter(
    IReadOnlyList<VenueType> Types,
    IReadOnlyList<MapVenueStatus> Statuses,
    IReadOnlyList<RiskClass> Risks,
    DepartmentKind? Department,
    Guid? JurisdictionId,
    bool BreachOnly)
{
    public static MapFilter None { get; } = new([], [], [], null, null, false);
}

public sealed record MapClickResult(bool IsCluster, int Count, double Lon, double Lat, MapVenuePopup? Venue);

public sealed record MapVenuePopup(
    Guid Id,
    string Name,
    VenueType Type,
    string Address,
    RiskClass RiskClass,
    MapVenueStatus Status,
    string? DistanceRuleBreached,
    double? NearestSchoolDistanceMetres,
    string? JurisdictionName,
    double Lon,
    double Lat,
    DateTimeOffset? LastVisitAt,
    IReadOnlyList<MapOpenNotice> OpenNotices);

public sealed record MapOpenNotice(Guid Id, string? Number, string Status, DateOnly? Deadline);

public sealed record MapSearchHit(Guid Id, string Name, string Address, VenueType Type, double Lon, double Lat);

/// <summary>A school and the largest distance any rule keeps venues away from its kind (0 when no rule applies).</summary>
public sealed record MapSchoolBuffer(Guid Id, string Name, SchoolKind Kind, double Lon, double Lat, double RadiusMetres, IReadOnlyList<string> Rules);

public sealed record MapToday(DateOnly Date, IReadOnlyList<MapTeamRoute> Teams, bool VisitsAvailable);

public sealed record MapTeamRoute(
    Guid OperationId,
    int OperationNumber,
    int TeamNumber,
    string Community,
    TimeOnly Start,
    TimeOnly End,
    IReadOnlyList<string> Officers,
    IReadOnlyList<MapRouteStop> Stops)
{
    public int Visited => Stops.Count(s => s.Visited);
}

public sealed record MapRouteStop(int Sequence, Guid VenueId, string Name, double Lon, double Lat, DateTime ArrivalAt, bool Visited);

public sealed record MapExportRow(
    Guid Id,
    string Name,
    VenueType Type,
    string Address,
    RiskClass RiskClass,
    MapVenueStatus Status,
    VenueStatus VenueStatus,
    string? Jurisdiction,
    string? DistanceRuleBreached,
    double? NearestSchoolDistanceMetres,
    double Lon,
    double Lat);

/// <summary>The user's jurisdictions' extent (WGS-84), for the initial view.</summary>
public sealed record MapExtent(double MinLon, double MinLat, double MaxLon, double MaxLat);
