using Inspections.Seed;
using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Planning;

/// <summary>The real host on a database holding the default demo district (one street, ten communities, 1,500 venues).</summary>
public sealed class PlanningWebFactory : InspectionsWebFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateContext();
        await new DemoDistrictSeeder().SeedAsync(db, DemoDistrictOptions.Default);
    }
}
