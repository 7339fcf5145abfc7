using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inspections.IntegrationTests.Audit;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task EveryChangeIsRecordedWithWhoAndBeforeAndAfter()
    {
        var id = await CreateVenueAsync("审计酒吧", "张科长");
        await using (var db = Context("李警官"))
        {
            var venue = await db.Venues.SingleAsync(v => v.Id == id);
            venue.ChangeStatus(VenueStatus.Suspended);
            await db.SaveChangesAsync();
        }
        await using (var db = Context("王所长"))
        {
            db.Venues.Remove(await db.Venues.SingleAsync(v => v.Id == id));
            await db.SaveChangesAsync();
        }

        await using var read = Context("auditor");
        var rows = await read.Set<AuditEntry>().Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Seq).ToListAsync();
        Assert.Equal([AuditActions.Created, AuditActions.Updated, AuditActions.Deleted], rows.Select(r => r.Action));
        Assert.Equal(["张科长", "李警官", "王所长"], rows.Select(r => r.UserName));
        Assert.Contains("\"status\": \"Operating\"", rows[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"Suspended\"", rows[1].After, StringComparison.Ordinal);
        Assert.DoesNotContain("name", rows[1].After, StringComparison.Ordinal);
        Assert.Contains("审计酒吧", rows[2].Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalIdNumbersAreStoredMasked()
    {
        var id = await CreateVenueAsync("身份证测试酒店", "张科长", legalRepId: "11010519491231002X");

        await using var read = Context("auditor");
        var created = await read.Set<AuditEntry>().SingleAsync(a => a.EntityId == id.ToString());
        Assert.Contains("1101**********002X", created.After, StringComparison.Ordinal);
        Assert.DoesNotContain("19491231", created.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIntactChainVerifies()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateVenueAsync($"链条网吧{i}", "张科长");
        }

        await using var db = Context("auditor");
        var result = await new AuditLog(db, new SystemUser(), TimeProvider.System).VerifyAsync();

        Assert.True(result.Intact, string.Join(", ", result.Breaks));
        Assert.Equal(5, result.Rows);
    }

    [Fact]
    public async Task ConcurrentWritersStillFormOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CreateVenueAsync($"并发烟酒店{i}", $"officer{i}")));

        await using var db = Context("auditor");
        var result = await new AuditLog(db, new SystemUser(), TimeProvider.System).VerifyAsync();
        var seqs = await db.Set<AuditEntry>().OrderBy(a => a.Seq).Select(a => a.Seq).ToListAsync();

        Assert.True(result.Intact, string.Join(", ", result.Breaks));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task A_transactions_rows_are_sealed_together_in_insertion_order_between_other_writers()
    {
        async Task<Guid[]> CreateSeveralAsync(int n, string user)
        {
            await using var db = Context(user);
            var venues = Enumerable.Range(0, n).Select(i => new Venue(Guid.NewGuid(), Details($"{user}批量{i}"))).ToArray();
            db.Venues.AddRange(venues);
            await db.SaveChangesAsync();
            return [.. venues.Select(v => v.Id)];
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? CreateSeveralAsync(7, $"batch{i}") : CreateSeveralAsync(1, $"single{i}")));

        await using var db = Context("auditor");
        var result = await new AuditLog(db, new SystemUser(), TimeProvider.System).VerifyAsync();
        Assert.True(result.Intact, string.Join(", ", result.Breaks));
        var rows = await db.Set<AuditEntry>().OrderBy(a => a.Seq).Select(a => new { a.Id, a.Seq, a.UserName }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), rows.Select(r => r.Seq));
        foreach (var user in rows.Select(r => r.UserName).Distinct())
        {
            // One transaction's rows: consecutive in the chain, in the order they were inserted.
            var mine = rows.Select((r, index) => (r, index)).Where(x => x.r.UserName == user).ToList();
            Assert.Equal(mine.Count - 1, mine[^1].index - mine[0].index);
            Assert.Equal(mine.Select(x => x.r.Id).Order(), mine.Select(x => x.r.Id));
        }
        Assert.Equal(batches.Sum(b => b.Length), rows.Count);
    }

    [Fact]
    public async Task TheApplicationCannotChangeAuditRows()
    {
        await CreateVenueAsync("只读酒吧", "张科长");

        await using var db = Context("auditor");
        var ex = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET user_name = 'someone else'"));

        Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET after = '{\"status\": \"Closed\"}' WHERE seq = 2", "modified", 2L)]
    [InlineData("DELETE FROM audit_log WHERE seq = 2", "missing_before", 3L)]
    [InlineData("DELETE FROM audit_log WHERE seq = 4", "end_cut", null)]
    public async Task TamperingIsDetected(string tamper, string problem, long? seq)
    {
        for (var i = 0; i < 4; i++)
        {
            await CreateVenueAsync($"篡改测试{i}", "张科长");
        }

        await using var db = Context("intruder");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_log DISABLE TRIGGER audit_append_only");
        await db.Database.ExecuteSqlRawAsync(tamper.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_log ENABLE TRIGGER audit_append_only");
        var result = await new AuditLog(db, new SystemUser(), TimeProvider.System).VerifyAsync();

        Assert.False(result.Intact);
        Assert.Contains(result.Breaks, b => b.Problem == problem && b.Seq == seq);
    }

    [Fact]
    public async Task AFailedSaveLeavesNoAuditRow()
    {
        await using var db = Context("张科长");
        db.Venues.Add(new Venue(Guid.NewGuid(), Details("孤儿场所") with { JurisdictionId = Guid.NewGuid() }));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var read = Context("auditor");
        Assert.Equal(0, await read.Set<AuditEntry>().CountAsync());
    }

    private async Task<Guid> CreateVenueAsync(string name, string user, string? legalRepId = null)
    {
        await using var db = Context(user);
        var venue = new Venue(Guid.NewGuid(), Details(name) with { LegalRepresentativeIdNumber = legalRepId });
        db.Venues.Add(venue);
        await db.SaveChangesAsync();
        return venue.Id;
    }

    private static VenueDetails Details(string name) => new(
        name, VenueType.Bar, null, null, "深圳市龙华区民治街道审计路1号", Geo.Point(114.05, 22.62), null, null,
        VenueStatus.Operating, RiskClass.B, null, null, null, null);

    private InspectionsDbContext Context(string user)
    {
        var dsb = new NpgsqlDataSourceBuilder(_database.ConnectionString);
        dsb.UseNetTopologySuite();
        var options = new DbContextOptionsBuilder<InspectionsDbContext>()
            .UseNpgsql(dsb.Build(), o => o.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AuditInterceptor(new NamedUser(user), TimeProvider.System))
            .Options;
        return new InspectionsDbContext(options);
    }

    private sealed class NamedUser(string name) : ICurrentUser
    {
        public string UserName => name;
    }
}
