using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;

namespace Inspections.Domain.Registry;

public sealed class Officer : Entity
{
    private Officer()
    {
        Name = EnforcementIdNumber = string.Empty;
    }

    public Officer(Guid id, string name, Guid departmentId, string enforcementIdNumber, Guid jurisdictionId)
        : base(id)
    {
        Name = Guard.Required(name, nameof(name), 50);
        DepartmentId = departmentId;
        EnforcementIdNumber = Guard.Required(enforcementIdNumber, nameof(enforcementIdNumber), 32);
        JurisdictionId = jurisdictionId;
        Status = OfficerStatus.Active;
    }

    public string Name { get; private set; }

    public Guid DepartmentId { get; private set; }

    /// <summary>执法证号 shown to the party at every inspection.</summary>
    public string EnforcementIdNumber { get; private set; }

    public Guid JurisdictionId { get; private set; }

    public OfficerStatus Status { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>Personal data: masked in lists, never logged.</summary>
    public string? ResidentIdNumber { get; private set; }

    public void Update(string name, Guid departmentId, string enforcementIdNumber, Guid jurisdictionId, OfficerStatus status, string? phone)
    {
        Name = Guard.Required(name, nameof(name), 50);
        DepartmentId = departmentId;
        EnforcementIdNumber = Guard.Required(enforcementIdNumber, nameof(enforcementIdNumber), 32);
        JurisdictionId = jurisdictionId;
        Status = status;
        Phone = Guard.Optional(phone, nameof(phone), 32);
    }

    public void SetResidentIdNumber(string? residentId)
    {
        if (string.IsNullOrWhiteSpace(residentId))
        {
            ResidentIdNumber = null;
            return;
        }
        if (!ResidentId.IsValid(residentId))
        {
            throw new DomainException("officer.resident_id_invalid", "The resident ID number fails the GB 11643 check.");
        }
        ResidentIdNumber = ResidentId.Normalize(residentId);
    }
}
