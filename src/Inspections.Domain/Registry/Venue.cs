using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using NetTopologySuite.Geometries;

namespace Inspections.Domain.Registry;

public sealed class Venue : Entity
{
    private readonly List<ValidationOverride> _overrides = [];

    private Venue()
    {
        Name = Address = string.Empty;
        Location = Geo.Point(0, 0);
    }

    public Venue(Guid id, VenueDetails details)
        : base(id)
    {
        Name = Address = string.Empty;
        Location = Geo.Point(0, 0);
        Apply(details);
    }

    public string Name { get; private set; }

    public VenueType Type { get; private set; }

    /// <summary>统一社会信用代码, normalised to upper case; may fail the checksum if an officer overrode the warning.</summary>
    public string? CreditCode { get; private set; }

    public string? LicenceNumbers { get; private set; }

    public string Address { get; private set; }

    public Point Location { get; private set; }

    /// <summary>The community whose boundary contains the point (derived in PostGIS), or the one chosen when outside all.</summary>
    public Guid? JurisdictionId { get; private set; }

    public OpeningHours? OpeningHours { get; private set; }

    public bool IsNightVenue { get; private set; }

    public VenueStatus Status { get; private set; }

    public RiskClass RiskClass { get; private set; }

    public string? LegalRepresentative { get; private set; }

    /// <summary>Personal data: masked in lists and exports.</summary>
    public string? LegalRepresentativeIdNumber { get; private set; }

    public string? ContactPhone { get; private set; }

    public Guid? NearestSchoolId { get; private set; }

    public double? NearestSchoolDistanceMetres { get; private set; }

    /// <summary>Code of the distance rule the venue breaks (e.g. internet café within 200 m of a school), or null.</summary>
    public string? DistanceRuleBreached { get; private set; }

    public IReadOnlyList<ValidationOverride> Overrides => _overrides;

    public void Update(VenueDetails details) => Apply(details);

    public void ChangeStatus(VenueStatus status) => Status = status;

    public void RaiseRisk()
    {
        if (RiskClass < RiskClass.D)
        {
            RiskClass++;
        }
    }

    /// <summary>Records the overrides for the warnings raised by this save; replaces earlier overrides of the same code.</summary>
    public void AcceptOverrides(IEnumerable<ValidationOverride> overrides)
    {
        foreach (var o in overrides)
        {
            if (string.IsNullOrWhiteSpace(o.Reason))
            {
                throw new DomainException("override.reason_required", $"Overriding '{o.Code}' needs a reason.");
            }
            _overrides.RemoveAll(x => x.Code == o.Code);
            _overrides.Add(o with { Reason = o.Reason.Trim() });
        }
    }

    public bool IsOverridden(string code) => _overrides.Exists(o => o.Code == code);

    public void SetJurisdiction(Guid? jurisdictionId) => JurisdictionId = jurisdictionId;

    public void SetSchoolFacts(Guid? nearestSchoolId, double? distanceMetres, string? breachedRule)
    {
        NearestSchoolId = nearestSchoolId;
        NearestSchoolDistanceMetres = distanceMetres is null ? null : Math.Round(distanceMetres.Value, 1);
        DistanceRuleBreached = breachedRule;
    }

    /// <summary>Warnings that need no database: credit-code checksum and a point outside China.</summary>
    public static IReadOnlyList<ValidationWarning> IntrinsicWarnings(VenueDetails d)
    {
        var warnings = new List<ValidationWarning>();
        var check = Identifiers.CreditCode.Check(d.CreditCode);
        if (check == CreditCodeCheck.Missing)
        {
            warnings.Add(new(WarningCodes.CreditCodeMissing, "No unified social credit code was given."));
        }
        else if (check != CreditCodeCheck.Valid)
        {
            warnings.Add(new(WarningCodes.CreditCodeInvalid, CreditCodeMessage(check)));
        }
        if (!Geo.IsRoughlyInChina(d.Location))
        {
            warnings.Add(new(WarningCodes.OutsideChina, "The point lies outside China: check longitude/latitude order."));
        }
        return warnings;
    }

    public static string CreditCodeMessage(CreditCodeCheck check) => check switch
    {
        CreditCodeCheck.WrongLength => "The unified social credit code must have 18 characters.",
        CreditCodeCheck.InvalidCharacter => "The unified social credit code contains a character outside GB 32100 (I, O, S, V, Z are not used).",
        CreditCodeCheck.ChecksumMismatch => "The check character of the unified social credit code does not match (GB 32100).",
        CreditCodeCheck.OrganisationCodeMismatch => "The embedded organisation code fails its GB 11714 check.",
        _ => "The unified social credit code is not valid.",
    };

    public static bool DefaultNightVenue(VenueType type) => type is VenueType.Ktv or VenueType.Bar or VenueType.InternetCafe
        or VenueType.EsportsVenue or VenueType.GameArcade;

    private void Apply(VenueDetails d)
    {
        Name = Guard.Required(d.Name, "name", 100);
        Type = d.Type;
        var code = Identifiers.CreditCode.Normalize(d.CreditCode);
        if (code.Length > 32)
        {
            throw new DomainException("creditCode.too_long", "creditCode must be at most 32 characters.");
        }
        CreditCode = code.Length == 0 ? null : code;
        LicenceNumbers = Guard.Optional(d.LicenceNumbers, "licenceNumbers", 200);
        Address = Guard.Required(d.Address, "address", 200);
        Location = Geo.EnsureWgs84(d.Location);
        OpeningHours = d.OpeningHours;
        IsNightVenue = d.IsNightVenue ?? DefaultNightVenue(d.Type);
        Status = d.Status;
        RiskClass = d.RiskClass;
        LegalRepresentative = Guard.Optional(d.LegalRepresentative, "legalRepresentative", 50);
        if (!string.IsNullOrWhiteSpace(d.LegalRepresentativeIdNumber) && !ResidentId.IsValid(d.LegalRepresentativeIdNumber))
        {
            throw new DomainException("legalRepresentativeIdNumber.invalid", "The resident ID number fails the GB 11643 check.");
        }
        LegalRepresentativeIdNumber = string.IsNullOrWhiteSpace(d.LegalRepresentativeIdNumber)
            ? null
            : ResidentId.Normalize(d.LegalRepresentativeIdNumber);
        ContactPhone = Guard.Optional(d.ContactPhone, "contactPhone", 32);
        JurisdictionId = d.JurisdictionId;
    }
}
