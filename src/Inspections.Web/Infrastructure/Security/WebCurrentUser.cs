using System.Security.Claims;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>
/// The acting user in the web host, in this order: whoever the scope was told acts (jobs: the system; a page's
/// per-operation scope: the page's user), the request's user, the Blazor circuit's authentication state (a circuit
/// has no HttpContext). Anything else is anonymous and sees nothing — a forgotten scope fails closed.
/// </summary>
public sealed class WebCurrentUser(IHttpContextAccessor http, IServiceProvider services) : ICurrentUser, IActingUser
{
    private bool _system;
    private PrincipalUser? _acting;
    private PrincipalUser? _cached;

    public string UserName => _system ? "system" : Current.UserName;

    public Guid? UserId => _system ? null : Current.UserId;

    public bool IsAuthenticated => _system || Current.IsAuthenticated;

    public bool IsSystem => _system;

    public IReadOnlyList<string> Roles => _system ? [] : Current.Roles;

    public Guid? JurisdictionId => _system ? null : Current.JurisdictionId;

    public Guid? OfficerId => _system ? null : Current.OfficerId;

    public Guid? DepartmentId => _system ? null : Current.DepartmentId;

    public string DisplayName => _system ? "system" : Current.DisplayName;

    private PrincipalUser Current => _acting ?? Wrap(AmbientPrincipal());

    public bool IsInRole(string role) => !_system && Current.IsInRole(role);

    public void ActAsSystem()
    {
        _acting = null;
        _system = true;
    }

    public void ActAs(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        _system = false;
        _acting = new PrincipalUser(principal);
    }

    private ClaimsPrincipal? AmbientPrincipal()
    {
        if (http.HttpContext is { } context)
        {
            return context.User;
        }
        try
        {
            var state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } ? state.Result.User : null;
        }
        catch (InvalidOperationException)
        {
            // Not a circuit's scope: no authentication state was ever set.
            return null;
        }
    }

    private PrincipalUser Wrap(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return PrincipalUser.Anonymous;
        }
        if (!ReferenceEquals(_cached?.Principal, principal))
        {
            _cached = new PrincipalUser(principal);
        }
        return _cached!;
    }
}
