using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// The three ways a user's jurisdictions reach SQL must agree: the scope resolved on its own
/// (<see cref="UserScope.PreloadAsync(CancellationToken)"/>), resolved inside someone else's batch
/// (<see cref="UserScope.PendingCommand"/> + <see cref="UserScope.AcceptAsync"/>, the capture sync), and the subqueries
/// statements filter by without resolving it (<see cref="UserScope.OwnedSql"/>, <see cref="UserScope.ReadableSql"/>).
/// </summary>
public sealed class UserScopeSqlTests(TwoStreetsWebFactory app) : IClassFixture<TwoStreetsWebFactory>
{
    public static TheoryData<string> Homes => ["street", "community", "none-admin", "none-officer", "deleted"];

    [Theory]
    [MemberData(nameof(Homes))]
    public async Task Resolving_alone_in_a_batch_and_by_subquery_give_the_same_jurisdictions(string home)
    {
        var user = home switch
        {
            "street" => new User(app.StreetA.Id, AppRoles.EnforcementLead),
            "community" => new User(app.CommunityA1.Id, AppRoles.EnforcementLead),
            "none-admin" => new User(null, AppRoles.Administrator),
            "none-officer" => new User(null, AppRoles.Officer),
            _ => new User(Guid.NewGuid(), AppRoles.EnforcementLead),
        };
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();

        var alone = new UserScope(user, dataSource);
        await alone.PreloadAsync(CancellationToken.None);

        var batched = new UserScope(user, dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();
        if (batched.PendingCommand() is { } pending)
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { pending, new NpgsqlBatchCommand("SELECT 1") } };
            await using var reader = await batch.ExecuteReaderAsync();
            await batched.AcceptAsync(reader, CancellationToken.None);
            Assert.True(await reader.NextResultAsync());
        }

        var (unrestricted, sqlHome) = alone.SqlParameters();
        var owned = await IdsAsync(connection, UserScope.OwnedSql("$1"), sqlHome);
        var readable = await IdsAsync(connection, UserScope.ReadableSql("$1"), sqlHome);

        Assert.Equal(alone.IsUnrestricted, batched.IsUnrestricted);
        Assert.Equal(alone.IsUnrestricted, unrestricted);
        Assert.Equal(alone.JurisdictionIds.Order(), batched.JurisdictionIds.Order());
        Assert.Equal(alone.ReadableJurisdictionIds.Order(), batched.ReadableJurisdictionIds.Order());
        if (!unrestricted)
        {
            Assert.Equal(alone.JurisdictionIds.Order(), owned.Order());
            Assert.Equal(alone.ReadableJurisdictionIds.Order(), readable.Order());
        }
        var expectedOwned = home switch
        {
            "street" => 1 + (await IdsAsync(connection, "SELECT id FROM jurisdictions WHERE parent_id = $1", app.StreetA.Id)).Count,
            "community" => 1,
            _ => 0,
        };
        Assert.Equal(home == "none-admin", alone.IsUnrestricted);
        Assert.Equal(expectedOwned, alone.JurisdictionIds.Count);
        if (home == "community")
        {
            Assert.Equal(new[] { app.CommunityA1.Id, app.StreetA.Id }.Order(), readable.Order());
        }
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql, Guid? home)
    {
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = home is { } h ? h : DBNull.Value } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    private sealed class User(Guid? jurisdiction, string role) : ICurrentUser
    {
        public string UserName => "scope-test";

        public bool IsAuthenticated => true;

        public IReadOnlyList<string> Roles => [role];

        public Guid? JurisdictionId => jurisdiction;
    }
}
