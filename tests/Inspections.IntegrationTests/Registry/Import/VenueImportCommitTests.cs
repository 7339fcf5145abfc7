using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Registry.Import.Jobs;
using Inspections.Infrastructure.Registry.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using static Inspections.IntegrationTests.Registry.Import.ImportApi;

namespace Inspections.IntegrationTests.Registry.Import;

/// <summary>Every test tags its venue names and works around a point of its own, so tests sharing the database stay apart.</summary>
public sealed class VenueImportCommitTests(VenueImportWebFactory app) : IClassFixture<VenueImportWebFactory>
{
    private const string Header = "name,type,creditCode,address,longitude,latitude,jurisdictionCode";

    [Fact]
    public async Task ValidOnlyImportsJustTheValidRows()
    {
        var client = await app.AdminClientAsync();
        var tag = Tag();
        var (lon, lat) = NewOrigin();
        var csv = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < 3; i++)
        {
            csv.Append(Line($"网吧{i}-{tag}", NewCreditCode(), lon + (i * 0.002), lat));
        }
        csv.Append(Line($"校验错-{tag}", BadCreditCode(), lon, lat + 0.002));
        csv.Append($"无地址-{tag},网吧,{NewCreditCode()},,{F(lon)},{F(lat + 0.004)},\r\n");
        var analysed = await AnalyseAsync(client, "valid-only.csv", Utf8(csv.ToString()));
        Assert.Equal((3, 1, 1), (analysed.ValidRows, analysed.WarningRows, analysed.ErrorRows));

        var accepted = await CommitAsync(client, analysed.Id, "ValidOnly");
        var done = await WaitAsync(client, analysed.Id, ImportStatus.Imported, ImportStatus.Failed);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/venue-imports/{analysed.Id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal((ImportStatus.Imported, 3), (done.Status, done.ImportedRows));
        Assert.Equal([$"网吧0-{tag}", $"网吧1-{tag}", $"网吧2-{tag}"], await VenueNamesAsync(tag));
        await using var db = app.Database.CreateContext();
        var linked = await db.VenueImportRows.Where(r => r.ImportId == analysed.Id && r.VenueId != null).Select(r => r.RowNumber).OrderBy(n => n).ToListAsync();
        Assert.Equal([2, 3, 4], linked);
    }

    [Fact]
    public async Task AllNeedsAReasonAndStoresItAsTheOverrideOfEachWarning()
    {
        var client = await app.AdminClientAsync();
        var tag = Tag();
        var (lon, lat) = NewOrigin();
        var community = await AddCommunityAroundAsync(lon, lat, tag);
        var code = NewCreditCode();
        var csv = Header + "\r\n"
                  + Line($"甲-{tag}", code, lon, lat)
                  + Line($"乙-{tag}", BadCreditCode(), lon + 0.002, lat)
                  + Line($"丙-{tag}", code, lon + 0.004, lat);
        var analysed = await AnalyseAsync(client, "all.csv", Utf8(csv));
        Assert.Equal((1, 2, 0), (analysed.ValidRows, analysed.WarningRows, analysed.ErrorRows));

        var refused = await CommitAsync(client, analysed.Id, "All");
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        var stillAnalysed = await WaitAsync(client, analysed.Id, ImportStatus.Analysed);
        var accepted = await CommitAsync(client, analysed.Id, "All", "营业执照原件已核对");
        var done = await WaitAsync(client, analysed.Id, ImportStatus.Imported, ImportStatus.Failed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("overrideReason.required", problem!["code"]!.GetValue<string>());
        Assert.Equal(ImportStatus.Analysed, stillAnalysed.Status);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal((ImportStatus.Imported, 3), (done.Status, done.ImportedRows));
        await using var db = app.Database.CreateContext();
        var venues = await db.Venues.AsNoTracking().Where(v => v.Name.EndsWith(tag)).OrderBy(v => v.Name).ToListAsync();
        Assert.Equal(3, venues.Count);
        Assert.All(venues, v => Assert.Equal(community, v.JurisdictionId));
        var overridden = venues.Single(v => v.Name == $"乙-{tag}");
        var o = Assert.Single(overridden.Overrides);
        Assert.Equal((WarningCodes.CreditCodeInvalid, "营业执照原件已核对"), (o.Code, o.Reason));
        Assert.Equal(WarningCodes.DuplicateCreditCode, Assert.Single(venues.Single(v => v.Name == $"丙-{tag}").Overrides).Code);
        Assert.Empty(venues.Single(v => v.Name == $"甲-{tag}").Overrides);
    }

    [Fact]
    public async Task ImportedFileCannotBeCommittedAgainAndARetriedJobWritesNothing()
    {
        var client = await app.AdminClientAsync();
        var tag = Tag();
        var (lon, lat) = NewOrigin();
        var analysed = await AnalyseAsync(client, "once.csv", Utf8(Header + "\r\n" + Line($"一次-{tag}", NewCreditCode(), lon, lat)));
        await CommitAsync(client, analysed.Id, "ValidOnly");
        await WaitAsync(client, analysed.Id, ImportStatus.Imported);

        var again = await CommitAsync(client, analysed.Id, "ValidOnly");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<VenueImportCommitJob>().RunAsync(analysed.Id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<VenueImportAnalysisJob>().RunAsync(analysed.Id, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal([$"一次-{tag}"], await VenueNamesAsync(tag));
        var after = await WaitAsync(client, analysed.Id, ImportStatus.Imported);
        Assert.Equal((1, 1), (after.ImportedRows, after.ValidRows));
        Assert.Single(await RowsAsync(client, analysed.Id));
    }

    /// <summary>
    /// The community the rows were filed under is removed between the dry run and the commit: the first batch of venues
    /// goes in, the second breaks the foreign key, and the whole import must roll back.
    /// </summary>
    [Fact]
    public async Task CommitThatFailsHalfWayLeavesNoVenueOfTheImport()
    {
        var client = await app.AdminClientAsync();
        var tag = Tag();
        var (lon, lat) = NewOrigin();
        var community = await AddCommunityAroundAsync(lon, lat, tag);
        var csv = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < 5; i++)
        {
            csv.Append(Line($"批{i}-{tag}", NewCreditCode(), lon + (i * 0.002), lat, i < 2 ? null : "C-" + tag));
        }
        var analysed = await AnalyseAsync(client, "half-way.csv", Utf8(csv.ToString()));
        Assert.Equal(5, analysed.ValidRows);
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM jurisdictions WHERE id = {community}");
        }

        await CommitAsync(client, analysed.Id, "ValidOnly");
        var failed = await WaitAsync(client, analysed.Id, ImportStatus.Imported, ImportStatus.Failed);

        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal(0, failed.ImportedRows);
        Assert.Contains("foreign key", failed.Error, StringComparison.Ordinal);
        Assert.Empty(await VenueNamesAsync(tag));
        await using var check = app.Database.CreateContext();
        Assert.False(await check.VenueImportRows.AnyAsync(r => r.ImportId == analysed.Id && r.VenueId != null));
    }

    private static string Line(string name, string code, double lon, double lat, string? jurisdictionCode = null) =>
        $"{name},网吧,{code},深圳市龙华区民治街道{name}号,{F(lon)},{F(lat)},{jurisdictionCode}\r\n";

    private async Task<List<string>> VenueNamesAsync(string tag)
    {
        await using var db = app.Database.CreateContext();
        return await db.Venues.AsNoTracking().Where(v => v.Name.EndsWith(tag)).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync();
    }

    /// <summary>A street and a community (code C-tag) whose boundary is a square of about 2 km around the point.</summary>
    private async Task<Guid> AddCommunityAroundAsync(double lon, double lat, string tag)
    {
        await using var db = app.Database.CreateContext();
        var street = new Jurisdiction(Guid.Empty, "S-" + tag, "街道" + tag, JurisdictionLevel.Street, null, null);
        var square = Geo.Factory.CreatePolygon(
        [
            new Coordinate(lon - 0.01, lat - 0.01), new Coordinate(lon + 0.02, lat - 0.01), new Coordinate(lon + 0.02, lat + 0.01),
            new Coordinate(lon - 0.01, lat + 0.01), new Coordinate(lon - 0.01, lat - 0.01),
        ]);
        var community = new Jurisdiction(Guid.Empty, "C-" + tag, "社区" + tag, JurisdictionLevel.Community, street.Id, Geo.Factory.CreateMultiPolygon([square]));
        db.Jurisdictions.AddRange(street, community);
        await db.SaveChangesAsync();
        return community.Id;
    }
}
