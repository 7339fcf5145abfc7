using System.Globalization;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>The PostgreSQL server the database benchmarks create their databases on, and the SQL helpers they share.</summary>
internal static class BenchServer
{
    public const string EnvironmentVariable = "INSPECTIONS_BENCH_PG";

    public const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : DefaultServer;

    /// <summary>Runs <paramref name="sql"/> on the server's <c>postgres</c> database (CREATE/DROP DATABASE), unpooled.</summary>
    public static async Task AdminAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await ExecAsync(admin, sql);
    }

    public static async Task<int> ExecAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The 1, 5 and 15 minute load averages, printed beside every figure (the machine is often shared).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
