using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Web.Components.Shared;
using Inspections.Web.Registry;

namespace Inspections.Web.Components.Pages.Venues;

/// <summary>
/// What the venue form edits. Same limits as <see cref="VenueRequest"/>, with messages in the UI language;
/// converted to a VenueRequest on save so masking and parsing follow the API's rules exactly.
/// </summary>
public sealed class VenueFormModel
{
    private const string HoursPattern = @"^\s*\d{1,2}:\d{2}\s*[-–~～]\s*\d{1,2}:\d{2}\s*$";

    [Required(ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? Name { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Required))]
    public VenueType? Type { get; set; }

    [StringLength(32, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? CreditCode { get; set; }

    [StringLength(200, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? LicenceNumbers { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Required))]
    [StringLength(200, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? Address { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Required))]
    [Range(-180d, 180d, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Range))]
    public double? Longitude { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Required))]
    [Range(-90d, 90d, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.Range))]
    public double? Latitude { get; set; }

    [RegularExpression(HoursPattern, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.OpeningHours))]
    public string? OpeningHours { get; set; }

    public bool IsNightVenue { get; set; }

    public VenueStatus Status { get; set; } = VenueStatus.Operating;

    public RiskClass RiskClass { get; set; } = RiskClass.B;

    [StringLength(50, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? LegalRepresentative { get; set; }

    /// <summary>Shown masked when editing; leaving the mask unchanged keeps the stored number.</summary>
    [StringLength(18, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? LegalRepresentativeIdNumber { get; set; }

    [StringLength(32, ErrorMessageResourceType = typeof(ValidationMessages), ErrorMessageResourceName = nameof(ValidationMessages.StringLength))]
    public string? ContactPhone { get; set; }

    public Guid? JurisdictionId { get; set; }

    public static VenueFormModel From(Venue v) => new()
    {
        Name = v.Name,
        Type = v.Type,
        CreditCode = v.CreditCode,
        LicenceNumbers = v.LicenceNumbers,
        Address = v.Address,
        Longitude = v.Location.X,
        Latitude = v.Location.Y,
        OpeningHours = v.OpeningHours?.ToString(),
        IsNightVenue = v.IsNightVenue,
        Status = v.Status,
        RiskClass = v.RiskClass,
        LegalRepresentative = v.LegalRepresentative,
        LegalRepresentativeIdNumber = ResidentId.Mask(v.LegalRepresentativeIdNumber) is { Length: > 0 } masked ? masked : null,
        ContactPhone = v.ContactPhone,
        JurisdictionId = v.JurisdictionId,
    };

    public VenueRequest ToRequest() => new()
    {
        Name = Name,
        Type = Type,
        CreditCode = CreditCode,
        LicenceNumbers = LicenceNumbers,
        Address = Address,
        Longitude = Longitude,
        Latitude = Latitude,
        OpeningHours = OpeningHours,
        IsNightVenue = IsNightVenue,
        Status = Status,
        RiskClass = RiskClass,
        LegalRepresentative = LegalRepresentative,
        LegalRepresentativeIdNumber = LegalRepresentativeIdNumber,
        ContactPhone = ContactPhone,
        JurisdictionId = JurisdictionId,
    };

    /// <summary>Maps a domain code such as "legalRepresentativeIdNumber.invalid" to the property it concerns.</summary>
    public static string? FieldForCode(string code)
    {
        if (code.StartsWith("location.longitude", StringComparison.Ordinal))
        {
            return nameof(Longitude);
        }
        if (code.StartsWith("location.latitude", StringComparison.Ordinal))
        {
            return nameof(Latitude);
        }
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var field = dot > 0 ? code[..dot] : code;
        if (field.Length == 0)
        {
            return null;
        }
        var property = char.ToUpperInvariant(field[0]) + field[1..];
        return typeof(VenueFormModel).GetProperty(property) is null ? null : property;
    }
}
