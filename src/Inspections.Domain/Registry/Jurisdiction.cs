using Inspections.Domain.Common;
using NetTopologySuite.Geometries;

namespace Inspections.Domain.Registry;

/// <summary>A street/township (街道/乡镇) or one of its communities/villages (社区/村), with its boundary.</summary>
public sealed class Jurisdiction : Entity
{
    private Jurisdiction()
    {
        Code = Name = string.Empty;
    }

    public Jurisdiction(Guid id, string code, string name, JurisdictionLevel level, Guid? parentId, MultiPolygon? boundary)
        : base(id)
    {
        Code = Guard.Required(code, nameof(code), 32);
        Name = Guard.Required(name, nameof(name), 100);
        Level = level;
        if (level == JurisdictionLevel.Community && parentId is null)
        {
            throw new DomainException("jurisdiction.parent_required", "A community must belong to a street.");
        }
        ParentId = parentId;
        Boundary = Geo.EnsureWgs84(boundary);
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public JurisdictionLevel Level { get; private set; }

    public Guid? ParentId { get; private set; }

    public MultiPolygon? Boundary { get; private set; }

    public void Rename(string code, string name)
    {
        Code = Guard.Required(code, nameof(code), 32);
        Name = Guard.Required(name, nameof(name), 100);
    }

    public void Redraw(MultiPolygon? boundary) => Boundary = Geo.EnsureWgs84(boundary);
}
