using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// Everything the planner reads. <see cref="Seed"/> is kept out of the input fingerprint so the
/// fingerprint can be published before the seed is drawn: nobody can then tune the inputs to a seed.
/// </summary>
public sealed record PlanningInput(
    PlanningMonth Month,
    ulong Seed,
    PlanningSettings Settings,
    IReadOnlyList<PlanningJurisdiction> Jurisdictions,
    IReadOnlyList<PlanningVenue> Venues,
    IReadOnlyList<PlanningOfficer> Officers,
    IReadOnlyList<OfficerConflict> Conflicts);

/// <summary>
/// A community (社区/村) that gets its own joint operations. Officers serve the street (<see cref="StreetId"/>)
/// and may be drawn for any of its communities. Longitude/latitude (WGS-84) is where routes start:
/// the community office or, without one, the centroid.
/// </summary>
public sealed record PlanningJurisdiction(Guid Id, string Code, string Name, Guid StreetId, double Longitude, double Latitude);

public sealed record PlanningVenue(Guid Id, Guid JurisdictionId, VenueType Type, RiskClass RiskClass, double Longitude, double Latitude)
{
    public OpeningHours? OpeningHours { get; init; }

    public bool IsNightVenue { get; init; } = Venue.DefaultNightVenue(Type);

    /// <summary>Only <see cref="VenueStatus.Operating"/> venues are planned.</summary>
    public VenueStatus Status { get; init; } = VenueStatus.Operating;

    public DateOnly? LastInspectedOn { get; init; }

    public bool HasOpenRectification { get; init; }

    /// <summary>A rectification deadline has passed without a closing re-inspection.</summary>
    public bool HasOverdueDeadline { get; init; }

    /// <summary>Complaints not yet followed up by an inspection.</summary>
    public int ComplaintCount { get; init; }

    /// <summary>The venue breaks a distance rule (e.g. internet café within 200 m of a school).</summary>
    public bool BreachesSchoolDistanceRule { get; init; }

    public double? NearestSchoolMetres { get; init; }
}

/// <summary>An officer who may be drawn. Pass only active officers; leave goes in <see cref="UnavailableDates"/>.</summary>
public sealed record PlanningOfficer(Guid Id, DepartmentKind Department, Guid StreetId)
{
    public IReadOnlyList<DateOnly> UnavailableDates { get; init; } = [];
}

/// <summary>A declared conflict of interest (回避): the officer is never assigned to a team visiting the venue.</summary>
public sealed record OfficerConflict(Guid OfficerId, Guid VenueId);
