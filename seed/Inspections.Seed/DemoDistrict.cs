using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inspections.Domain.Registry;
using NetTopologySuite.Geometries;

namespace Inspections.Seed;

/// <summary>A generated district held in memory, ready to be written by <see cref="DemoDistrictSeeder"/>.</summary>
public sealed class DemoDistrict
{
    public required DemoDistrictOptions Options { get; init; }

    public required IReadOnlyList<Jurisdiction> Streets { get; init; }

    public required IReadOnlyList<Jurisdiction> Communities { get; init; }

    public required IReadOnlyList<Department> Departments { get; init; }

    public required IReadOnlyList<Officer> Officers { get; init; }

    public required IReadOnlyList<School> Schools { get; init; }

    public required IReadOnlyList<Venue> Venues { get; init; }

    /// <summary>Streets first, then communities, so parents precede children.</summary>
    public IEnumerable<Jurisdiction> Jurisdictions => Streets.Concat(Communities);

    /// <summary>
    /// SHA-256 over every generated value except the creation timestamps, which the domain sets to the clock.
    /// Equal fingerprints mean identical data, so tests can assert determinism cheaply.
    /// </summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var j in Jurisdictions)
        {
            Add(hash, "J", j.Id, j.Code, j.Name, j.Level, j.ParentId);
            AddGeometry(hash, j.Boundary);
        }
        foreach (var d in Departments)
        {
            Add(hash, "D", d.Id, d.Code, d.Name, d.ShortName, d.Kind, d.JurisdictionId);
        }
        foreach (var o in Officers)
        {
            Add(hash, "O", o.Id, o.Name, o.DepartmentId, o.EnforcementIdNumber, o.JurisdictionId, o.Status, o.Phone, o.ResidentIdNumber);
        }
        foreach (var s in Schools)
        {
            Add(hash, "S", s.Id, s.Name, s.Kind, s.Address, s.JurisdictionId);
            AddGeometry(hash, s.Location);
        }
        foreach (var v in Venues)
        {
            Add(hash, "V", v.Id, v.Name, v.Type, v.CreditCode, v.LicenceNumbers, v.Address, v.JurisdictionId, v.OpeningHours,
                v.IsNightVenue, v.Status, v.RiskClass, v.LegalRepresentative, v.LegalRepresentativeIdNumber, v.ContactPhone);
            AddGeometry(hash, v.Location);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, params ReadOnlySpan<object?> values)
    {
        var sb = new StringBuilder();
        foreach (var value in values)
        {
            sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "\u2400").Append('\u001f');
        }
        hash.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private static void AddGeometry(IncrementalHash hash, Geometry? geometry)
    {
        if (geometry is not null)
        {
            hash.AppendData(geometry.AsBinary());
        }
    }
}
