using Inspections.TestSupport;
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
        var columns = await TableColumns.ColumnsAsync(c, table);
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
                expressions.Add(TableColumns.Filler(type));
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
}
