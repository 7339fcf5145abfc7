using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Seed;

/// <summary>
/// Binary COPY of entities into their table. Columns, names and value conversions are read from the EF model,
/// so the copy follows the mapping (snake_case names, enums as text, jsonb) instead of repeating it.
/// </summary>
internal static class BinaryCopy
{
    public static string TableName<T>(DbContext db)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var schema = entity.GetSchema();
        return schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
    }

    public static async Task<ulong> WriteAsync<T>(DbContext db, NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var columns = Columns<T>(db);
        var sql = $"COPY {TableName<T>(db)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, column.Type, ct);
                }
            }
        }
        return await importer.CompleteAsync(ct);
    }

    private static List<Column> Columns<T>(DbContext db)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            var name = property.GetColumnName(store);
            if (name is null || property.ValueGenerated == ValueGenerated.OnAddOrUpdate)
            {
                continue;
            }
            var mapping = property.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            var getter = property.GetGetter();
            var type = DbType(mapping.Converter?.ProviderClrType ?? property.ClrType, property.GetColumnType());
            columns.Add(new Column(
                name,
                type,
                row =>
                {
                    var value = getter.GetClrValueUsingContainingEntity(row);
                    value = converter is null || value is null ? value : converter.ConvertToProvider(value);
                    // timestamptz takes UTC only; local times (e.g. Asia/Shanghai in generated history) are the same instant.
                    return value is DateTimeOffset local && local.Offset != TimeSpan.Zero ? local.ToUniversalTime() : value;
                }));
        }
        return columns;
    }

    private static NpgsqlDbType DbType(Type clr, string columnType)
    {
        var t = Nullable.GetUnderlyingType(clr) ?? clr;
        var store = columnType.ToLowerInvariant();
        if (t.IsArray && t != typeof(byte[]) && store.EndsWith("[]", StringComparison.Ordinal))
        {
            return NpgsqlDbType.Array | DbType(t.GetElementType()!, columnType[..^2]);
        }
        if (store.StartsWith("geography", StringComparison.Ordinal))
        {
            return NpgsqlDbType.Geography;
        }
        if (store.StartsWith("geometry", StringComparison.Ordinal) || typeof(Geometry).IsAssignableFrom(t))
        {
            return NpgsqlDbType.Geometry;
        }
        if (store == "jsonb")
        {
            return NpgsqlDbType.Jsonb;
        }
        return t switch
        {
            _ when t == typeof(string) => store.StartsWith("character varying", StringComparison.Ordinal) ? NpgsqlDbType.Varchar : NpgsqlDbType.Text,
            _ when t == typeof(Guid) => NpgsqlDbType.Uuid,
            _ when t == typeof(bool) => NpgsqlDbType.Boolean,
            _ when t == typeof(short) => NpgsqlDbType.Smallint,
            _ when t == typeof(int) => NpgsqlDbType.Integer,
            _ when t == typeof(long) => NpgsqlDbType.Bigint,
            _ when t == typeof(float) => NpgsqlDbType.Real,
            _ when t == typeof(double) => NpgsqlDbType.Double,
            _ when t == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            _ when t == typeof(DateTime) => store.Contains("with time zone", StringComparison.Ordinal) ? NpgsqlDbType.TimestampTz : NpgsqlDbType.Timestamp,
            _ when t == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when t == typeof(TimeOnly) => NpgsqlDbType.Time,
            _ when t == typeof(byte[]) => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"No COPY mapping for {t.Name} ({columnType})."),
        };
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, NpgsqlDbType Type, Func<object, object?> Read);
}
