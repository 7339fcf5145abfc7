namespace Inspections.Domain.Registry;

/// <summary>Venue types from DOMAIN.md. Stored as text; never renumber.</summary>
public enum VenueType
{
    InternetCafe,
    EsportsVenue,
    Ktv,
    GameArcade,
    Bar,
    Hotel,
    EsportsHotel,
    TattooShop,
    TobaccoRetail,
    TutoringCentre,
    EscapeRoom,
}

public enum VenueStatus
{
    Operating,
    Suspended,
    Closed,
}

/// <summary>Risk / credit class as used by the random-inspection regime: A lowest risk … D highest.</summary>
public enum RiskClass
{
    A,
    B,
    C,
    D,
}

public enum JurisdictionLevel
{
    Street,
    Community,
}

public enum DepartmentKind
{
    Police,
    MarketSupervision,
    Culture,
    Tobacco,
    Education,
    Health,
    Fire,
    LeadOffice,
}

public enum OfficerStatus
{
    Active,
    OnLeave,
    Inactive,
}

public enum SchoolKind
{
    Kindergarten,
    Primary,
    Middle,
    NineYear,
    HighSchool,
    Vocational,
}
