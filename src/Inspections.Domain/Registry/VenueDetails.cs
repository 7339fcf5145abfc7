using NetTopologySuite.Geometries;

namespace Inspections.Domain.Registry;

/// <summary>The editable facts of a venue, as entered by an officer or an import row.</summary>
public sealed record VenueDetails(
    string Name,
    VenueType Type,
    string? CreditCode,
    string? LicenceNumbers,
    string Address,
    Point Location,
    OpeningHours? OpeningHours,
    bool? IsNightVenue,
    VenueStatus Status,
    RiskClass RiskClass,
    string? LegalRepresentative,
    string? LegalRepresentativeIdNumber,
    string? ContactPhone,
    Guid? JurisdictionId);
