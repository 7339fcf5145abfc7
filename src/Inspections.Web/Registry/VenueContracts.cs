using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Registry;

namespace Inspections.Web.Registry;

/// <summary>A venue as sent by a client. Range checks here; business rules in the domain.</summary>
public sealed class VenueRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; set; }

    [Required]
    public VenueType? Type { get; set; }

    [StringLength(32)]
    public string? CreditCode { get; set; }

    [StringLength(200)]
    public string? LicenceNumbers { get; set; }

    [Required, StringLength(200, MinimumLength = 1)]
    public string? Address { get; set; }

    [Required, Range(-180d, 180d)]
    public double? Longitude { get; set; }

    [Required, Range(-90d, 90d)]
    public double? Latitude { get; set; }

    [RegularExpression(@"^\s*\d{1,2}:\d{2}\s*[-–~～]\s*\d{1,2}:\d{2}\s*$", ErrorMessage = "Use HH:mm-HH:mm, e.g. 10:00-02:00.")]
    public string? OpeningHours { get; set; }

    public bool? IsNightVenue { get; set; }

    public VenueStatus? Status { get; set; }

    public RiskClass? RiskClass { get; set; }

    [StringLength(50)]
    public string? LegalRepresentative { get; set; }

    [StringLength(18)]
    public string? LegalRepresentativeIdNumber { get; set; }

    [StringLength(32)]
    public string? ContactPhone { get; set; }

    public Guid? JurisdictionId { get; set; }

    /// <summary>Overrides of warnings returned by an earlier attempt, each with a reason.</summary>
    [MaxLength(10)]
    public List<OverrideRequest>? Overrides { get; set; }

    /// <summary>Maps to domain details. A masked ID number sent back unchanged keeps <paramref name="currentIdNumber"/>.</summary>
    public VenueDetails ToDetails(string? currentIdNumber = null)
    {
        var idNumber = LegalRepresentativeIdNumber;
        if (idNumber is not null && idNumber.Contains('*', StringComparison.Ordinal))
        {
            idNumber = ResidentId.Mask(currentIdNumber) == idNumber ? currentIdNumber : throw new DomainException(
                "legalRepresentativeIdNumber.masked", "Enter the full resident ID number or leave the masked value unchanged.");
        }
        OpeningHours? hours = null;
        if (!string.IsNullOrWhiteSpace(OpeningHours) && !Domain.Registry.OpeningHours.TryParse(OpeningHours, out hours))
        {
            throw new DomainException("openingHours.invalid", "Use HH:mm-HH:mm, e.g. 10:00-02:00.");
        }
        return new VenueDetails(
            Name!, Type!.Value, CreditCode, LicenceNumbers, Address!, Geo.Point(Longitude!.Value, Latitude!.Value),
            hours, IsNightVenue, Status ?? VenueStatus.Operating, RiskClass ?? Domain.Registry.RiskClass.B,
            LegalRepresentative, idNumber, ContactPhone, JurisdictionId);
    }

    public IReadOnlyList<OverrideInput> OverrideInputs() =>
        (Overrides ?? []).Select(o => new OverrideInput(o.Code ?? string.Empty, o.Reason ?? string.Empty)).ToList();
}

public sealed class OverrideRequest
{
    [Required, StringLength(64)]
    public string? Code { get; set; }

    [Required, StringLength(500, MinimumLength = 2)]
    public string? Reason { get; set; }
}

public sealed record VenueDto(
    Guid Id,
    string Name,
    VenueType Type,
    string? CreditCode,
    bool CreditCodeValid,
    string? LicenceNumbers,
    string Address,
    double Longitude,
    double Latitude,
    Guid? JurisdictionId,
    string? OpeningHours,
    bool IsNightVenue,
    VenueStatus Status,
    RiskClass RiskClass,
    string? LegalRepresentative,
    string? LegalRepresentativeIdNumber,
    string? ContactPhone,
    Guid? NearestSchoolId,
    double? NearestSchoolDistanceMetres,
    string? DistanceRuleBreached,
    IReadOnlyList<ValidationOverride> Overrides,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static VenueDto From(Venue v) => new(
        v.Id, v.Name, v.Type, v.CreditCode, Domain.Identifiers.CreditCode.IsValid(v.CreditCode), v.LicenceNumbers, v.Address,
        v.Location.X, v.Location.Y, v.JurisdictionId, v.OpeningHours?.ToString(), v.IsNightVenue, v.Status, v.RiskClass,
        v.LegalRepresentative, ResidentId.Mask(v.LegalRepresentativeIdNumber) is { Length: > 0 } m ? m : null, v.ContactPhone,
        v.NearestSchoolId, v.NearestSchoolDistanceMetres, v.DistanceRuleBreached, v.Overrides, v.Version, v.CreatedAt, v.UpdatedAt);
}

public sealed record VenueCheckResult(IReadOnlyList<ValidationWarning> Warnings);
