using Microsoft.AspNetCore.Identity;

namespace Inspections.Infrastructure.Identity;

/// <summary>
/// A person who signs in. <see cref="JurisdictionId"/> is the street or community the account works in; null means the
/// whole system and is honoured only for administrators and auditors (any other role without one sees nothing).
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    public Guid? JurisdictionId { get; set; }

    /// <summary>The officer record of a field officer's account (执法人员), if any.</summary>
    public Guid? OfficerId { get; set; }

    /// <summary>The department an officer or clerk works for, if any.</summary>
    public Guid? DepartmentId { get; set; }
}
