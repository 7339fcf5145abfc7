using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Registry.Import.Parsing;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Inspections.Infrastructure.Registry.Import.Analysis;

/// <summary>A row being analysed; warnings are added by the set-based checks after the row-level validation.</summary>
internal sealed class ValidatedRow(int rowNumber, string? name, ImportedVenue? values, List<ImportFieldError> errors, List<ValidationWarning> warnings)
{
    public int RowNumber { get; } = rowNumber;

    public string? Name { get; } = name;

    /// <summary>Null when the row has errors.</summary>
    public ImportedVenue? Values { get; } = values;

    public List<ImportFieldError> Errors { get; } = errors;

    public List<ValidationWarning> Warnings { get; } = warnings;
}

/// <summary>Column widths of the venues table, read from the EF model so that they cannot drift from the mapping.</summary>
internal sealed record VenueFieldLimits(int Name, int CreditCode, int LicenceNumbers, int Address, int LegalRepresentative, int ContactPhone)
{
    public static VenueFieldLimits From(IModel model)
    {
        var venue = model.FindEntityType(typeof(Venue)) ?? throw new InvalidOperationException("Venue is not mapped.");
        int Max(string property) => venue.FindProperty(property)?.GetMaxLength()
                                    ?? throw new InvalidOperationException($"Venue.{property} has no maximum length.");
        return new VenueFieldLimits(
            Max(nameof(Venue.Name)), Max(nameof(Venue.CreditCode)), Max(nameof(Venue.LicenceNumbers)), Max(nameof(Venue.Address)),
            Max(nameof(Venue.LegalRepresentative)), Max(nameof(Venue.ContactPhone)));
    }
}

/// <summary>
/// Row-level checks that need no database: required fields, lengths, numbers, codes, opening hours and the
/// resident ID, all reported together. The domain constructor runs last so that whatever it would refuse is an error here.
/// </summary>
internal sealed class ImportRowValidator(VenueFieldLimits limits, IReadOnlyDictionary<string, Guid> jurisdictionsByCode, Guid? defaultJurisdictionId)
{
    public ValidatedRow Validate(ImportSourceRow row)
    {
        var errors = new List<ImportFieldError>();
        string? Raw(string field) => row.Values.GetValueOrDefault(field);

        var name = Text(ImportColumns.Name, Raw(ImportColumns.Name), required: true, limits.Name, errors);
        var type = Coded<VenueType>(ImportColumns.Type, Raw(ImportColumns.Type), ImportValues.TryParseType, ImportValues.TypeHint, required: true, errors);
        var creditCode = CreditCode.Normalize(Raw(ImportColumns.CreditCode));
        if (creditCode.Length > limits.CreditCode)
        {
            errors.Add(new(ImportColumns.CreditCode, $"creditCode must be at most {limits.CreditCode} characters.", "creditCode.too_long"));
        }
        var licences = Text(ImportColumns.LicenceNumbers, Raw(ImportColumns.LicenceNumbers), required: false, limits.LicenceNumbers, errors);
        var address = Text(ImportColumns.Address, Raw(ImportColumns.Address), required: true, limits.Address, errors);
        double? longitude = null, latitude = null;
        if (row.GeometryError is { } geometryError)
        {
            errors.Add(geometryError);
        }
        else
        {
            longitude = Coordinate(ImportColumns.Longitude, Raw(ImportColumns.Longitude), lon => Geo.Point(lon, 0), errors);
            latitude = Coordinate(ImportColumns.Latitude, Raw(ImportColumns.Latitude), lat => Geo.Point(0, lat), errors);
        }
        var hours = OpeningHoursOf(Raw(ImportColumns.OpeningHours), errors);
        var night = Coded<bool>(ImportColumns.IsNightVenue, Raw(ImportColumns.IsNightVenue), ImportValues.TryParseBool, "Use 是/否 (yes/no), or leave it empty for the default of the venue type.", required: false, errors);
        var status = Coded<VenueStatus>(ImportColumns.Status, Raw(ImportColumns.Status), ImportValues.TryParseStatus, "Use 营业, 停业 or 注销 (Operating, Suspended, Closed).", required: false, errors);
        var risk = Coded<RiskClass>(ImportColumns.RiskClass, Raw(ImportColumns.RiskClass), ImportValues.TryParseRiskClass, "Use A, B, C or D.", required: false, errors);
        var legalRepresentative = Text(ImportColumns.LegalRepresentative, Raw(ImportColumns.LegalRepresentative), required: false, limits.LegalRepresentative, errors);
        var idNumber = ResidentIdOf(Raw(ImportColumns.LegalRepresentativeIdNumber), errors);
        var phone = Text(ImportColumns.ContactPhone, Raw(ImportColumns.ContactPhone), required: false, limits.ContactPhone, errors);
        var jurisdictionId = JurisdictionOf(Raw(ImportColumns.JurisdictionCode), errors);

        if (errors.Count > 0)
        {
            return new ValidatedRow(row.RowNumber, Raw(ImportColumns.Name), null, errors, []);
        }

        var values = new ImportedVenue(
            name!, type!.Value, creditCode.Length == 0 ? null : creditCode, licences, address!, longitude!.Value, latitude!.Value,
            hours, night, status ?? VenueStatus.Operating, risk ?? RiskClass.B, legalRepresentative, idNumber, phone, jurisdictionId);
        VenueDetails details;
        try
        {
            details = values.ToDetails();
            _ = new Venue(Guid.Empty, details);
        }
        catch (DomainException ex)
        {
            errors.Add(new(FieldOf(ex.Code), ex.Message, ex.Code));
            return new ValidatedRow(row.RowNumber, name, null, errors, []);
        }
        return new ValidatedRow(row.RowNumber, name, values, errors, [.. Venue.IntrinsicWarnings(details)]);
    }

    /// <summary>Domain codes look like "name.required": the part before the dot names the field.</summary>
    public static string FieldOf(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var field = dot > 0 ? code[..dot] : code;
        return field == "location" ? (code.Contains("latitude", StringComparison.Ordinal) ? ImportColumns.Latitude : ImportColumns.Longitude) : field;
    }

    private static string? Text(string field, string? value, bool required, int maxLength, List<ImportFieldError> errors)
    {
        try
        {
            return required ? Guard.Required(value, field, maxLength) : Guard.Optional(value, field, maxLength);
        }
        catch (DomainException ex)
        {
            errors.Add(new(field, ex.Message, ex.Code));
            return null;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Coded<T>(string field, string? value, TryParse<T> parse, string hint, bool required, List<ImportFieldError> errors)
        where T : struct
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(field, $"{field} is required. {hint}", "import.required"));
            }
            return null;
        }
        if (parse(value, out var parsed))
        {
            return parsed;
        }
        errors.Add(new(field, $"'{Shorten(value)}' is not a valid {field}. {hint}", $"import.invalid_{field}", Shorten(value)));
        return null;
    }

    private static double? Coordinate(string field, string? value, Func<double, object> checkRange, List<ImportFieldError> errors)
    {
        if (value is null)
        {
            errors.Add(new(field, $"{field} is required (WGS-84 decimal degrees).", "import.required"));
            return null;
        }
        if (!ImportValues.TryParseNumber(value, out var number))
        {
            errors.Add(new(field, $"'{Shorten(value)}' is not a number: give decimal degrees such as 114.0579.", "import.not_a_number", Shorten(value)));
            return null;
        }
        try
        {
            checkRange(number);
            return number;
        }
        catch (DomainException ex)
        {
            errors.Add(new(field, ex.Message, ex.Code));
            return null;
        }
    }

    private static string? OpeningHoursOf(string? value, List<ImportFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (OpeningHours.TryParse(value, out var hours))
        {
            return hours!.ToString();
        }
        errors.Add(new(ImportColumns.OpeningHours, $"'{Shorten(value)}' is not an opening window. Use HH:mm-HH:mm, e.g. 10:00-02:00.", "openingHours.invalid", Shorten(value)));
        return null;
    }

    /// <summary>Never echoes the number: it is personal data.</summary>
    private static string? ResidentIdOf(string? value, List<ImportFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (ResidentId.IsValid(value))
        {
            return ResidentId.Normalize(value);
        }
        var hint = value.Contains("E+", StringComparison.OrdinalIgnoreCase)
            ? " The spreadsheet stored it as a number and lost digits: format the column as text and enter it again."
            : string.Empty;
        errors.Add(new(ImportColumns.LegalRepresentativeIdNumber, "The resident ID number fails the GB 11643 check." + hint,
            hint.Length > 0 ? "import.id_number_as_number" : "legalRepresentativeIdNumber.invalid"));
        return null;
    }

    private Guid? JurisdictionOf(string? code, List<ImportFieldError> errors)
    {
        if (code is null)
        {
            return defaultJurisdictionId;
        }
        if (jurisdictionsByCode.TryGetValue(code, out var id))
        {
            return id;
        }
        errors.Add(new(ImportColumns.JurisdictionCode, $"No jurisdiction has the code '{Shorten(code)}'.", "import.unknown_jurisdiction", Shorten(code)));
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 39), "…");
}
