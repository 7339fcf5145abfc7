using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Inspections.TestSupport;

/// <summary>
/// A fresh database on the real PostGIS test cluster that test.sh starts (no substitutes), migrated from empty.
/// Dropped on dispose.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "INSPECTIONS_TEST_PG";
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres;Include Error Detail=true";

    public TestDatabase()
    {
        Name = "test_" + Guid.NewGuid().ToString("N")[..16];
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name, Pooling = true };
        ConnectionString = server.ConnectionString;
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs ? cs : DefaultServer;

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Apply EF migrations after creating the database (on by default).</summary>
    protected virtual bool Migrate => true;

    public virtual async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        if (Migrate)
        {
            await using var db = CreateContext();
            await db.Database.MigrateAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public InspectionsDbContext CreateContext()
    {
        var dsb = new NpgsqlDataSourceBuilder(ConnectionString);
        dsb.UseNetTopologySuite();
        var options = new DbContextOptionsBuilder<InspectionsDbContext>()
            .UseNpgsql(dsb.Build(), o => o.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .Options;
        return new InspectionsDbContext(options);
    }

    /// <summary>One value from <paramref name="sql"/>, whose parameters are named <c>@p0</c>, <c>@p1</c>… after <paramref name="args"/>.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        for (var i = 0; i < args.Length; i++)
        {
            cmd.Parameters.AddWithValue("p" + i, args[i]);
        }
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
