using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Seed;

public sealed class DemoDistrictTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void TheSameSeedGivesTheSameDistrict()
    {
        var a = new DemoDistrictGenerator(DemoDistrictOptions.Default).Generate();
        var b = new DemoDistrictGenerator(DemoDistrictOptions.Default).Generate();
        var c = new DemoDistrictGenerator(DemoDistrictOptions.Default with { Seed = 7 }).Generate();

        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), c.Fingerprint());
    }

    [Fact]
    public void TheDistrictLooksLikeTheBrief()
    {
        var d = new DemoDistrictGenerator(DemoDistrictOptions.Default).Generate();

        Assert.Equal(1500, d.Venues.Count);
        Assert.Equal(10, d.Communities.Count);
        Assert.Equal(40, d.Schools.Count);
        Assert.Equal(60, d.Officers.Count);
        Assert.Equal(Enum.GetValues<VenueType>().Length, d.Venues.Select(v => v.Type).Distinct().Count());
        var invalid = d.Venues.Count(v => v.CreditCode is not null && !CreditCode.IsValid(v.CreditCode));
        Assert.InRange(invalid, 1, 100);
        Assert.True(d.Venues.Count(v => CreditCode.IsValid(v.CreditCode)) > 1400);
    }

    [Fact]
    public async Task SeedingFillsTheDatabaseOnceAndDerivesSpatialFacts()
    {
        await using var db = _database.CreateContext();
        var seeder = new DemoDistrictSeeder();

        var first = await seeder.SeedIfEmptyAsync(db, DemoDistrictOptions.Default);
        var second = await seeder.SeedIfEmptyAsync(db, DemoDistrictOptions.Default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1500, await db.Venues.CountAsync());
        Assert.Equal(0, await db.Venues.CountAsync(v => v.JurisdictionId == null || v.NearestSchoolId == null));
        Assert.True(await db.Venues.CountAsync(v => v.DistanceRuleBreached == "internet_cafe_school_200m") > 0);
    }
}
