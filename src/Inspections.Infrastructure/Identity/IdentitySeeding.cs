using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Inspections.Infrastructure.Identity;

/// <summary>What every database needs, demo or not: the five roles, and a first administrator when one is configured.</summary>
public static class IdentitySeeding
{
    public const string BootstrapSection = "Identity:BootstrapAdministrator";

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var name in AppRoles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(name) { Id = Guid.CreateVersion7() }), $"role {name}");
            }
        }
    }

    /// <summary>
    /// Production has no demo accounts. The first administrator comes from configuration
    /// (Identity:BootstrapAdministrator:UserName and :Password, e.g. environment variables set once) and is created
    /// only while no administrator exists; the password must meet the password policy.
    /// </summary>
    public static async Task EnsureBootstrapAdministratorAsync(UserManager<AppUser> users, IConfiguration config, ILogger logger)
    {
        var userName = config[$"{BootstrapSection}:UserName"];
        var password = config[$"{BootstrapSection}:Password"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return;
        }
        if ((await users.GetUsersInRoleAsync(AppRoles.Administrator)).Count > 0)
        {
            return;
        }
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName.Trim(), DisplayName = userName.Trim() };
        Check(await users.CreateAsync(user, password), "the bootstrap administrator");
        Check(await users.AddToRoleAsync(user, AppRoles.Administrator), "the bootstrap administrator's role");
        logger.LogWarning("Created the bootstrap administrator account; remove its password from the configuration now");
    }

    public static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
