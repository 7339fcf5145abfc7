using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Inspections.Seed;
using Microsoft.AspNetCore.Identity;

namespace Inspections.Web.Infrastructure;

public static class DemoSeeding
{
    /// <summary>Demo data is on only with Seed:DemoOnEmptyDatabase (run.sh); demo accounts also need Seed:DemoAccounts (default on).</summary>
    public static bool DemoAccountsEnabled(IConfiguration config) =>
        config.GetValue("Seed:DemoOnEmptyDatabase", false) && config.GetValue("Seed:DemoAccounts", true);

    /// <summary>Seeds the deterministic demo district (size from Seed:Venues, six months of history unless Seed:DemoHistory is false) when the database holds no jurisdictions.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, IConfiguration config, ILogger logger)
    {
        var db = services.GetRequiredService<InspectionsDbContext>();
        var seeder = ActivatorUtilities.CreateInstance<DemoDistrictSeeder>(services);
        var options = DemoDistrictOptions.Scale(config.GetValue("Seed:Venues", 1500), config.GetValue("Seed:Seed", DemoDistrictOptions.DefaultSeed))
            with { History = config.GetValue("Seed:DemoHistory", true) };
        if (await seeder.SeedIfEmptyAsync(db, options))
        {
            logger.LogInformation("Demo district seeded");
        }
        if (DemoAccountsEnabled(config))
        {
            var logins = await DemoAccounts.EnsureAsync(db, services.GetRequiredService<UserManager<AppUser>>());
            logger.LogInformation("Demo accounts ready: {Count}", logins.Count);
        }
    }
}
