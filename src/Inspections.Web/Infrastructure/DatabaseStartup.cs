using Microsoft.EntityFrameworkCore.Infrastructure;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations, ensures the roles (and a configured first administrator) and seeds the demo district and
    /// its accounts when configured (the run script turns both on). Runs as the system: no user, no jurisdiction limits.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var config = app.Configuration;
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        if (config.GetValue("Database:MigrateOnStartup", false))
        {
            // Creating the history table first spares a fresh database EF's logged (harmless) failed probe of it.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync();
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated");
        }
        await IdentitySeeding.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        await IdentitySeeding.EnsureBootstrapAdministratorAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), config, logger);
        // Checklist packs are reference data of every installation (seed/checklists), idempotent by (venue type, version).
        await scope.ServiceProvider.GetRequiredService<Inspections.Infrastructure.Capture.ChecklistPacks>().SeedAsync(CancellationToken.None);
        if (config.GetValue("Seed:DemoOnEmptyDatabase", false))
        {
            await DemoSeeding.SeedIfEmptyAsync(scope.ServiceProvider, config, logger);
        }
    }
}
