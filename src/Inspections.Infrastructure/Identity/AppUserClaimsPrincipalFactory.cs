using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Identity;

/// <summary>Adds display name, jurisdiction, officer and department to the sign-in cookie's principal.</summary>
public sealed class AppUserClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        Add(identity, AppClaimTypes.JurisdictionId, user.JurisdictionId);
        Add(identity, AppClaimTypes.OfficerId, user.OfficerId);
        Add(identity, AppClaimTypes.DepartmentId, user.DepartmentId);
        return identity;
    }

    private static void Add(ClaimsIdentity identity, string type, Guid? value)
    {
        if (value is { } id)
        {
            identity.AddClaim(new Claim(type, id.ToString("D", CultureInfo.InvariantCulture)));
        }
    }
}
