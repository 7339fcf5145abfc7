using System.Security.Claims;
using Inspections.Infrastructure.Common;

namespace Inspections.Infrastructure.Identity;

/// <summary>Claims the sign-in adds beside name, id and roles. Refreshed with the security stamp (see ADR 9).</summary>
public static class AppClaimTypes
{
    public const string DisplayName = "inspections:display_name";
    public const string JurisdictionId = "inspections:jurisdiction_id";
    public const string OfficerId = "inspections:officer_id";
    public const string DepartmentId = "inspections:department_id";
}

/// <summary>An <see cref="ICurrentUser"/> read from a signed-in principal's claims (anonymous when not signed in).</summary>
public sealed class PrincipalUser(ClaimsPrincipal principal) : ICurrentUser
{
    public static PrincipalUser Anonymous { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly string[] _roles = principal.Identity?.IsAuthenticated == true
        ? [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)]
        : [];

    public ClaimsPrincipal Principal => principal;

    public string UserName => IsAuthenticated ? principal.Identity?.Name ?? "unknown" : "anonymous";

    public string DisplayName => principal.FindFirst(AppClaimTypes.DisplayName)?.Value is { Length: > 0 } name ? name : UserName;

    public bool IsAuthenticated => principal.Identity?.IsAuthenticated == true;

    public Guid? UserId => GuidOf(ClaimTypes.NameIdentifier);

    public IReadOnlyList<string> Roles => _roles;

    public Guid? JurisdictionId => GuidOf(AppClaimTypes.JurisdictionId);

    public Guid? OfficerId => GuidOf(AppClaimTypes.OfficerId);

    public Guid? DepartmentId => GuidOf(AppClaimTypes.DepartmentId);

    public bool IsInRole(string role) => _roles.Contains(role, StringComparer.Ordinal);

    private Guid? GuidOf(string type) =>
        IsAuthenticated && Guid.TryParse(principal.FindFirst(type)?.Value, out var id) ? id : null;
}
