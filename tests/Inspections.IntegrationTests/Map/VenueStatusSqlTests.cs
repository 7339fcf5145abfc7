using Inspections.Infrastructure.Map;
using Inspections.TestSupport;
using Npgsql;

namespace Inspections.IntegrationTests.Map;

/// <summary>
/// The derived venue status (ADR 11) on the real database: each rule in priority order, with the visits and notices
/// given as relations of the ADR's columns, so the precedence is tested whatever the capture and rectification tables
/// hold; and against the real tables (empty stand-ins while a table does not exist yet).
/// </summary>
public sealed class VenueStatusSqlTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<string> StatusAsync(string venueStatus, string visits, string notices)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT {VenueStatusSql.Expression("v", new StatusRelations(visits, notices))} FROM (SELECT '00000000-0000-0000-0000-000000000001'::uuid AS id, @s AS status) v",
            connection);
        cmd.Parameters.AddWithValue("s", venueStatus);
        VenueStatusSql.AddParameters(cmd, Now);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Visit(string at) =>
        $"(SELECT '00000000-0000-0000-0000-000000000001'::uuid AS venue_id, '{at}'::timestamptz AS submitted_at)";

    private static string Notice(string status, string deadline) =>
        $"(SELECT '00000000-0000-0000-0000-000000000001'::uuid AS venue_id, '{status}'::text AS status, '{deadline}'::date AS deadline)";

    [Fact]
    public async Task StatusFollowsThePrecedenceOfAdr11()
    {
        var none = VenueStatusSql.VisitsStub;
        var noNotice = VenueStatusSql.NoticesStub;

        Assert.Equal("NotInspected", await StatusAsync("Operating", none, noNotice));
        // Q4 2026 starts 1 October, China time; a visit on 30 September does not count.
        Assert.Equal("Passed", await StatusAsync("Operating", Visit("2026-10-01 00:30+08"), noNotice));
        Assert.Equal("NotInspected", await StatusAsync("Operating", Visit("2026-09-30 23:30+08"), noNotice));
        Assert.Equal("UnderRectification", await StatusAsync("Operating", Visit("2026-11-01 10:00+08"), Notice("Issued", "2026-11-30")));
        Assert.Equal("UnderRectification", await StatusAsync("Operating", none, Notice("Served", "2026-11-23")));
        Assert.Equal("Overdue", await StatusAsync("Operating", none, Notice("Served", "2026-11-22")));
        Assert.Equal("Overdue", await StatusAsync("Operating", none, Notice("Overdue", "2026-12-30")));
        Assert.Equal("Overdue", await StatusAsync("Operating", none, Notice("Escalated", "2026-12-30")));
        Assert.Equal("Passed", await StatusAsync("Operating", Visit("2026-11-01 10:00+08"), Notice("Rectified", "2026-11-01")));
        Assert.Equal("NotInspected", await StatusAsync("Operating", none, Notice("Draft", "2026-11-01")));
        Assert.Equal("Suspended", await StatusAsync("Suspended", none, Notice("Overdue", "2026-11-01")));
        Assert.Equal("Closed", await StatusAsync("Closed", Visit("2026-11-01 10:00+08"), noNotice));
    }

    [Fact]
    public async Task TheRealTablesAreReadWhenTheyExist()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        var relations = await VenueStatusSql.RelationsAsync(connection, CancellationToken.None);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.visits') IS NOT NULL, to_regclass('public.rectification_notices') IS NOT NULL", connection);
        await using (var r = await exists.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            Assert.Equal(r.GetBoolean(0), relations.HasVisits);
            Assert.Equal(r.GetBoolean(1), relations.HasNotices);
        }
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM venues v WHERE {VenueStatusSql.Expression("v", relations)} IS NULL", connection);
        VenueStatusSql.AddParameters(cmd, Now);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
