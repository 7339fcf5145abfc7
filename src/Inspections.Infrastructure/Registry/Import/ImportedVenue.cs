using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Registry.Import;

/// <summary>The parsed, validated facts of a row, stored as jsonb until the commit turns them into a venue.</summary>
public sealed record ImportedVenue(
    string Name,
    VenueType Type,
    string? CreditCode,
    string? LicenceNumbers,
    string Address,
    double Longitude,
    double Latitude,
    string? OpeningHours,
    bool? IsNightVenue,
    VenueStatus Status,
    RiskClass RiskClass,
    string? LegalRepresentative,
    string? LegalRepresentativeIdNumber,
    string? ContactPhone,
    Guid? JurisdictionId)
{
    public VenueDetails ToDetails()
    {
        Domain.Registry.OpeningHours? hours = null;
        if (OpeningHours is not null && !Domain.Registry.OpeningHours.TryParse(OpeningHours, out hours))
        {
            throw new DomainException("openingHours.invalid", "Use HH:mm-HH:mm, e.g. 10:00-02:00.");
        }
        return new VenueDetails(
            Name, Type, CreditCode, LicenceNumbers, Address, Geo.Point(Longitude, Latitude), hours, IsNightVenue, Status, RiskClass,
            LegalRepresentative, LegalRepresentativeIdNumber, ContactPhone, JurisdictionId);
    }
}
