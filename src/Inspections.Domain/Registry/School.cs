using Inspections.Domain.Common;
using NetTopologySuite.Geometries;

namespace Inspections.Domain.Registry;

public sealed class School : Entity
{
    private School()
    {
        Name = Address = string.Empty;
        Location = Geo.Point(0, 0);
    }

    public School(Guid id, string name, SchoolKind kind, string address, Point location)
        : base(id)
    {
        Name = Guard.Required(name, nameof(name), 100);
        Kind = kind;
        Address = Guard.Optional(address, nameof(address), 200) ?? string.Empty;
        Location = Geo.EnsureWgs84(location);
    }

    public string Name { get; private set; }

    public SchoolKind Kind { get; private set; }

    public string Address { get; private set; }

    public Point Location { get; private set; }

    public Guid? JurisdictionId { get; private set; }

    public void Update(string name, SchoolKind kind, string address, Point location)
    {
        Name = Guard.Required(name, nameof(name), 100);
        Kind = kind;
        Address = Guard.Optional(address, nameof(address), 200) ?? string.Empty;
        Location = Geo.EnsureWgs84(location);
    }

    public void AssignJurisdiction(Guid? jurisdictionId) => JurisdictionId = jurisdictionId;
}
