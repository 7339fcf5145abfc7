using Inspections.Infrastructure.Persistence;
using Inspections.Seed;

namespace Inspections.Web.Infrastructure;

public static class DemoSeeding
{
    /// <summary>Seeds the deterministic demo district (size from Seed:Venues) when the database holds no jurisdictions.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, IConfiguration config, ILogger logger)
    {
        var db = services.GetRequiredService<InspectionsDbContext>();
        var seeder = ActivatorUtilities.CreateInstance<DemoDistrictSeeder>(services);
        var options = DemoDistrictOptions.Scale(config.GetValue("Seed:Venues", 1500), config.GetValue("Seed:Seed", DemoDistrictOptions.DefaultSeed));
        if (await seeder.SeedIfEmptyAsync(db, options))
        {
            logger.LogInformation("Demo district seeded");
        }
    }
}
