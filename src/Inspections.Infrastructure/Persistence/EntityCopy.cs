using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Inspections.Infrastructure.Persistence;

/// <summary>
/// Writes new entities with PostgreSQL binary COPY, column by column as EF Core maps them (table and column names,
/// store types, value converters such as enum → text), for the few bulk writers that cannot afford one INSERT statement
/// per row (ADR 21). Only columns EF itself would send on insert are written (<see cref="ValueGenerated.Never"/>);
/// store-generated ones (identity keys, xmin, trigger-set columns) are left to the database, exactly as on SaveChanges.
/// COPY fires the tables' triggers and checks their constraints like INSERT does. Owned types, table splitting and
/// shadow properties are not supported (asserted when the plan is built).
/// </summary>
public static class EntityCopy
{
    private static readonly ConcurrentDictionary<(IModel, Type), Plan> Plans = new();

    public static async Task CopyAsync<T>(NpgsqlConnection connection, IModel model, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var plan = PlanOf<T>(model);
        await using var importer = await connection.BeginBinaryImportAsync(plan.Command, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var c in plan.Columns)
            {
                var value = c.Read(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, c.StoreType, ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>
    /// The same rows as one <c>INSERT … SELECT * FROM unnest($1, $2, …)</c> statement with one array parameter per column,
    /// for putting several tables into one <see cref="NpgsqlBatch"/> (one round trip where COPY needs two per table).
    /// Only for entities whose columns are all scalar (an array or geometry column cannot be unnested): checked here.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand<T>(IModel model, IReadOnlyCollection<T> rows)
        where T : class
    {
        var plan = PlanOf<T>(model);
        var command = new NpgsqlBatchCommand(plan.Insert ?? throw new NotSupportedException(
            $"{typeof(T).Name} has a column that cannot be unnested (an array or a spatial type); use CopyAsync."));
        foreach (var c in plan.Columns)
        {
            var values = Array.CreateInstance(c.ProviderType, rows.Count);
            var i = 0;
            foreach (var row in rows)
            {
                values.SetValue(c.Read(row), i++);
            }
            command.Parameters.Add(new NpgsqlParameter { DataTypeName = c.StoreType + "[]", Value = values });
        }
        return command;
    }

    /// <summary>The columns written for <typeparamref name="T"/>, in order (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> Columns<T>(IModel model) =>
        [.. PlanOf<T>(model).Columns.Select(c => c.Name)];

    private static Plan PlanOf<T>(IModel model) => Plans.GetOrAdd((model, typeof(T)), static key => Build(key.Item1, key.Item2));

    private static Plan Build(IModel model, Type type)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} is not mapped to a table.");
        if (entity.IsOwned() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            throw new NotSupportedException($"{type.Name}: owned types are not supported by EntityCopy.");
        }
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var p in entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never))
        {
            if (p.IsShadowProperty())
            {
                throw new NotSupportedException($"{type.Name}.{p.Name}: shadow properties are not supported by EntityCopy.");
            }
            var name = p.GetColumnName(table) ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no column.");
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            var storeType = p.GetColumnType();
            // "character varying(50)" → "character varying", "geography(Point,4326)" → "geography" (Npgsql's type names).
            var paren = storeType.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0)
            {
                var close = storeType.IndexOf(')', paren);
                storeType = (storeType[..paren] + storeType[(close + 1)..]).Trim();
            }
            var providerType = converter?.ProviderClrType ?? p.ClrType;
            if (providerType.IsValueType && p.IsNullable && Nullable.GetUnderlyingType(providerType) is null)
            {
                providerType = typeof(Nullable<>).MakeGenericType(providerType);
            }
            columns.Add(new Column(name, storeType, providerType, converter is null
                ? getter.GetClrValue
                : row => getter.GetClrValue(row) is { } v ? converter.ConvertToProvider(v) : null));
        }
        var schema = entity.GetSchema() is { } s ? Quote(s) + "." : string.Empty;
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var command = $"COPY {schema}{Quote(tableName)} ({list}) FROM STDIN (FORMAT BINARY)";
        var scalar = columns.All(c => !c.StoreType.EndsWith("[]", StringComparison.Ordinal) && c.StoreType is not ("geography" or "geometry"));
        var insert = scalar
            ? $"INSERT INTO {schema}{Quote(tableName)} ({list}) SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})"
            : null;
        return new Plan(command, insert, columns);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Plan(string Command, string? Insert, List<Column> Columns);

    private sealed record Column(string Name, string StoreType, Type ProviderType, Func<object, object?> Read);
}
