using System.Security.Claims;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>
/// A circuit can live for hours without a request, so the cookie's own checks never run in it. Every few minutes
/// this checks that the account still exists, is not locked out and has the same security stamp (changed by a new
/// password or by an administrator); otherwise the circuit's user becomes anonymous and the page sends them to sign in.
/// </summary>
public sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SecurityDependencyInjection.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await IsStillValidAsync(users, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<AppUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
