using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xunit;

namespace Inspections.IntegrationTests.Persistence;

/// <summary>
/// The migrations in the repository are the schema: applied from empty they must leave nothing pending, and the
/// model in code must not have drifted from the last migration's snapshot (a forgotten `dotnet ef migrations add`).
/// </summary>
public sealed class MigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Every_migration_is_applied_to_a_fresh_database()
    {
        await using var db = database.CreateContext();
        var pending = await db.Database.GetPendingMigrationsAsync();
        Assert.Empty(pending);
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Contains(applied, m => m.EndsWith("_InitialRegistry", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_matches_the_latest_migration_snapshot()
    {
        using var db = database.CreateContext();
        if (db.Database.HasPendingModelChanges())
        {
            // Name the differences so the failure says what to add.
            var differ = db.GetService<IMigrationsModelDiffer>();
            var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
            var runtime = db.GetService<IDesignTimeModel>().Model;
            var ops = differ.GetDifferences(
                db.GetService<IModelRuntimeInitializer>().Initialize(snapshot is IConventionModel cm ? cm.FinalizeModel() : snapshot).GetRelationalModel(),
                runtime.GetRelationalModel());
            Assert.Fail("The EF model has changes without a migration: " + string.Join("; ", ops.Select(o => o.GetType().Name)));
        }
    }
}
