using System.Net;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Seed;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inspections.Web.Accounts;

public sealed record CurrentUserDto(
    string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? JurisdictionId, Guid? OfficerId, Guid? DepartmentId,
    bool Unrestricted, IReadOnlyList<Guid> JurisdictionIds);

public sealed record DemoLoginDto(string UserName, string Password, string Role, string RoleName, string DisplayName);

/// <summary>Sign-out, who-am-I for clients, and the demo logins run.sh prints. Sign-in is the page /account/login.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post: antiforgery is validated because the handler binds form data.
        app.MapPost("/account/logout", LogoutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/account/me", Me).WithTags("Account").WithName("CurrentUser")
            .WithSummary("The signed-in user, roles and jurisdictions; 401 ProblemDetails when the session has expired.")
            .RequireAuthorization(AppPolicies.SignedIn);
        app.MapGet("/api/demo/logins", DemoLoginsAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<RedirectHttpResult> LogoutAsync(SignInManager<AppUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SecurityDependencyInjection.LoginPath);
    }

    public static Ok<CurrentUserDto> Me(WebCurrentUser user, IUserScope scope) => TypedResults.Ok(new CurrentUserDto(
        user.UserName, user.DisplayName, user.Roles, user.JurisdictionId, user.OfficerId, user.DepartmentId,
        scope.IsUnrestricted, scope.JurisdictionIds));

    /// <summary>
    /// The demo accounts and their well-known password, for run.sh to print: only when demo seeding is on and only
    /// to a caller on this machine (loopback); 404 otherwise, as if there were no such endpoint.
    /// </summary>
    public static async Task<Results<Ok<List<DemoLoginDto>>, NotFound>> DemoLoginsAsync(
        HttpContext http, IConfiguration config, UserManager<AppUser> users, IStringLocalizer<SharedResource> l)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (!DemoSeeding.DemoAccountsEnabled(config) || remote is null || !IPAddress.IsLoopback(remote))
        {
            return TypedResults.NotFound();
        }
        var logins = await DemoAccounts.ListAsync(users);
        return TypedResults.Ok(logins.Select(d => new DemoLoginDto(d.UserName, d.Password, d.Role, l["Role." + d.Role], d.DisplayName)).ToList());
    }
}
