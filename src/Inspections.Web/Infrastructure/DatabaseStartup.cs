using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies migrations and seeds the demo district when configured (the run script turns both on).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var config = app.Configuration;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        if (config.GetValue("Database:MigrateOnStartup", false))
        {
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated");
        }
        if (config.GetValue("Seed:DemoOnEmptyDatabase", false))
        {
            await DemoSeeding.SeedIfEmptyAsync(scope.ServiceProvider, config, logger);
        }
    }
}
