using Inspections.Domain.Common;

namespace Inspections.Domain.Registry;

/// <summary>An authority taking part in joint operations (派出所, 市场监管所, 文化执法…).</summary>
public sealed class Department : Entity
{
    private Department()
    {
        Code = Name = ShortName = string.Empty;
    }

    public Department(Guid id, string code, string name, string shortName, DepartmentKind kind, Guid jurisdictionId)
        : base(id)
    {
        Code = Guard.Required(code, nameof(code), 32);
        Name = Guard.Required(name, nameof(name), 100);
        ShortName = Guard.Required(shortName, nameof(shortName), 20);
        Kind = kind;
        JurisdictionId = jurisdictionId;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Abbreviation used in document numbers, e.g. 福市监.</summary>
    public string ShortName { get; private set; }

    public DepartmentKind Kind { get; private set; }

    /// <summary>The street the department serves.</summary>
    public Guid JurisdictionId { get; private set; }

    public void Update(string code, string name, string shortName, DepartmentKind kind)
    {
        Code = Guard.Required(code, nameof(code), 32);
        Name = Guard.Required(name, nameof(name), 100);
        ShortName = Guard.Required(shortName, nameof(shortName), 20);
        Kind = kind;
    }
}
