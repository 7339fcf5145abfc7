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
        var plan = Plans.GetOrAdd((model, typeof(T)), static key => Build(key.Item1, key.Item2));
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

    /// <summary>The columns written for <typeparamref name="T"/>, in order (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> Columns<T>(IModel model) =>
        [.. Plans.GetOrAdd((model, typeof(T)), static key => Build(key.Item1, key.Item2)).Columns.Select(c => c.Name)];

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
            columns.Add(new Column(name, storeType, converter is null
                ? getter.GetClrValue
                : row => getter.GetClrValue(row) is { } v ? converter.ConvertToProvider(v) : null));
        }
        var schema = entity.GetSchema() is { } s ? Quote(s) + "." : string.Empty;
        var command = $"COPY {schema}{Quote(tableName)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        return new Plan(command, columns);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Plan(string Command, List<Column> Columns);

    private sealed record Column(string Name, string StoreType, Func<object, object?> Read);
}
