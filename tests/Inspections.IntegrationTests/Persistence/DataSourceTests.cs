using Inspections.Infrastructure.Persistence;
using Inspections.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace Inspections.IntegrationTests.Persistence;

/// <summary>
/// The data source the hosts build (<see cref="InfrastructureDependencyInjection.AddInfrastructure"/>): repeated
/// statements are prepared on their connection (parsed and planned once, not per call) unless the connection string
/// says otherwise. Until the check of the connection string was mended, auto-preparation was silently never on.
/// </summary>
public sealed class DataSourceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private NpgsqlDataSource Build(string connectionString, out IHost host)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:" + InfrastructureDependencyInjection.ConnectionStringName] = connectionString;
        builder.AddInfrastructure();
        host = builder.Build();
        return host.Services.GetRequiredService<NpgsqlDataSource>();
    }

    private static async Task<long> PreparedAfterRepeatingAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var n = 0; n < 3; n++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM jurisdictions WHERE id = $1", connection)
            {
                Parameters = { new() { Value = Guid.NewGuid() } },
            };
            await command.ExecuteScalarAsync();
        }
        await using var check = new NpgsqlCommand(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT count(*) FROM jurisdictions WHERE id = $1'", connection);
        return (long)(await check.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Repeated_statements_are_prepared_on_their_connection()
    {
        var dataSource = Build(database.ConnectionString, out var host);
        using var _ = host;
        Assert.Equal(1L, await PreparedAfterRepeatingAsync(dataSource));
    }

    [Fact]
    public async Task An_explicit_setting_in_the_connection_string_is_kept()
    {
        var dataSource = Build(database.ConnectionString + ";Max Auto Prepare=0", out var host);
        using var _ = host;
        Assert.Equal(0L, await PreparedAfterRepeatingAsync(dataSource));
    }

    [Fact]
    public void Unnest_inserts_cast_array_and_spatial_columns_back_to_their_types()
    {
        using var db = database.CreateContext();
        var items = EntityInsert.InsertCommand(db.Model, new List<Domain.Capture.VisitItem>());
        Assert.StartsWith("INSERT INTO \"visit_items\"", items.CommandText, StringComparison.Ordinal);
        Assert.Contains("FROM unnest($1, $2", items.CommandText, StringComparison.Ordinal);
        var visits = EntityInsert.InsertCommand(db.Model, new List<Domain.Capture.Visit>()).CommandText;
        Assert.Contains("::uuid[]", visits, StringComparison.Ordinal);
        Assert.Contains("::text[]", visits, StringComparison.Ordinal);
        Assert.Contains("::geography", visits, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Array_literals_survive_quotes_backslashes_commas_braces_and_nulls()
    {
        string?[] tricky = ["plain", "with \"quotes\"", "back\\slash", "a,b", "{braces}", "NULL", null, "", " 空格 ", "末尾\\"];
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1::text[]", connection)
        {
            Parameters = { new() { Value = EntityInsert.ArrayLiteral(tricky) } },
        };
        Assert.Equal(tricky, (string?[])(await command.ExecuteScalarAsync())!);

        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid()];
        await using var uuids = new NpgsqlCommand("SELECT $1::uuid[]", connection)
        {
            Parameters = { new() { Value = EntityInsert.ArrayLiteral(ids) } },
        };
        Assert.Equal(ids, (Guid[])(await uuids.ExecuteScalarAsync())!);
        Assert.Equal("{}", EntityInsert.ArrayLiteral(Array.Empty<string>()));
    }
}
