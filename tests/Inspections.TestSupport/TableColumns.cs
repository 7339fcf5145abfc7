using Npgsql;

namespace Inspections.TestSupport;

/// <summary>
/// A table's columns as PostgreSQL reports them, and a neutral filler value per type, for tests and benchmarks that
/// insert rows into other features' tables naming only the columns they care about.
/// </summary>
public static class TableColumns
{
    public static string Filler(string type) => type switch
    {
        _ when type.EndsWith("[]", StringComparison.Ordinal) => "'{}'",
        "uuid" => "gen_random_uuid()",
        "boolean" => "false",
        "integer" or "bigint" or "smallint" or "double precision" or "real" => "0",
        _ when type.StartsWith("numeric", StringComparison.Ordinal) => "0",
        "timestamp with time zone" or "timestamp without time zone" => "now()",
        "date" => "current_date",
        "time without time zone" => "'00:00'",
        "jsonb" or "json" => "'{}'",
        _ when type.StartsWith("geography", StringComparison.Ordinal) || type.StartsWith("geometry", StringComparison.Ordinal) => "'SRID=4326;POINT(113 28)'",
        _ when type.StartsWith("character(", StringComparison.Ordinal) => "''",
        _ => "'x'",
    };

    public static async Task<List<(string Name, string Type, bool NotNull, bool HasDefault)>> ColumnsAsync(NpgsqlConnection c, string table)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> ''
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(@t) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, c);
        cmd.Parameters.AddWithValue("t", table);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(string, string, bool, bool)>();
        while (await r.ReadAsync())
        {
            list.Add((r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3)));
        }
        return list;
    }
}
