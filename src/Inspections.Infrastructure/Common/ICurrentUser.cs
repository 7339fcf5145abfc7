using System.Security.Claims;

namespace Inspections.Infrastructure.Common;

/// <summary>
/// Who is acting: the signed-in user in the web host (from the request, or from the Blazor circuit's authentication
/// state), "system" in jobs and seeding. Never holds personal data beyond the user name.
/// </summary>
public interface ICurrentUser
{
    string UserName { get; }

    Guid? UserId => null;

    bool IsAuthenticated => IsSystem;

    /// <summary>Jobs, seeding and migrations: no user, no limits.</summary>
    bool IsSystem => false;

    IReadOnlyList<string> Roles => [];

    /// <summary>The street or community the user works in; null for system-wide accounts.</summary>
    Guid? JurisdictionId => null;

    Guid? OfficerId => null;

    Guid? DepartmentId => null;

    bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// Declares who acts in a DI scope that a host creates itself, where no request or circuit says so: Hangfire jobs and
/// start-up work act as the system, a Blazor page's per-operation scope acts as the page's user.
/// </summary>
public interface IActingUser
{
    void ActAsSystem();

    void ActAs(ClaimsPrincipal principal);
}

public sealed class SystemUser : ICurrentUser, IActingUser
{
    public string UserName => "system";

    public bool IsSystem => true;

    public void ActAsSystem()
    {
    }

    /// <summary>Hosts without users (seeding tools, workers, component tests) always act as the system.</summary>
    public void ActAs(ClaimsPrincipal principal)
    {
    }
}
