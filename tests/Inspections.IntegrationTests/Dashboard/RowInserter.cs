using Npgsql;

namespace Inspections.IntegrationTests.Dashboard;

/// <summary>
/// Inserts test rows into tables owned by other features (plans, visits, notices) naming only the columns a test cares
/// about: every other NOT NULL column without a default gets a neutral filler of its type. The tests then keep working
/// when those features add columns.
/// </summary>
public static class RowInserter
{
    public static async Task InsertAsync(NpgsqlConnection c, string table, IReadOnlyDictionary<string, object?> values)
    {
        var columns = await ColumnsAsync(c, table);
        var names = new List<string>();
        var expressions = new List<string>();
        await using var cmd = new NpgsqlCommand { Connection = c };
        var i = 0;
        foreach (var (name, type, notNull, hasDefault) in columns)
        {
            if (values.TryGetValue(name, out var value))
            {
                names.Add($"\"{name}\"");
                expressions.Add($"CAST(@p{i} AS {type})");
                cmd.Parameters.AddWithValue($"p{i}", value ?? DBNull.Value);
                i++;
            }
            else if (notNull && !hasDefault)
            {
                names.Add($"\"{name}\"");
                expressions.Add(Filler(type));
            }
        }
        var unknown = values.Keys.Except(columns.Select(x => x.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{table} has no column(s) {string.Join(", ", unknown)}");
        }
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", expressions)})";
        await cmd.ExecuteNonQueryAsync();
    }

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
