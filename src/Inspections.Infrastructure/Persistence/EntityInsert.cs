using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NetTopologySuite.IO;
using Npgsql;

namespace Inspections.Infrastructure.Persistence;

/// <summary>
/// Inserts new entities with one <c>INSERT … SELECT … FROM unnest(…)</c> statement per table, column by column as EF
/// Core maps them (table and column names, store types, value converters such as enum → text), for the few bulk
/// writers that cannot afford one INSERT statement per row (ADR 21). Only columns EF itself would send on insert are
/// written (<see cref="ValueGenerated.Never"/>); store-generated ones (identity keys, xmin, trigger-set columns) are
/// left to the database, exactly as on SaveChanges. The statement fires the tables' triggers and checks their
/// constraints like a single-row INSERT does. Owned types, table splitting and shadow properties are not supported
/// (asserted when the plan is built).
/// </summary>
public static class EntityInsert
{
    private static readonly ConcurrentDictionary<(IModel, Type), Plan> Plans = new();

    /// <summary>
    /// The same rows as one <c>INSERT … SELECT … FROM unnest($1, $2, …)</c> statement with one array parameter per
    /// column, for putting several tables into one <see cref="NpgsqlBatch"/> (one round trip where COPY needs two per
    /// table).
    /// unnest cannot take an array of arrays or a spatial array of the column's own type, so an array column travels as
    /// text (PostgreSQL array literals, <see cref="ArrayLiteral"/>) and a geography or geometry column as EWKB, each cast
    /// back to the column's type in the SELECT.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand<T>(IModel model, IReadOnlyCollection<T> rows)
        where T : class => InsertCommand(model, typeof(T), rows);

    /// <summary>As <see cref="InsertCommand{T}(IModel, IReadOnlyCollection{T})"/>, for rows of a type known at run time.</summary>
    public static NpgsqlBatchCommand InsertCommand(IModel model, Type type, IReadOnlyCollection<object> rows)
    {
        var plan = PlanOf(model, type);
        var command = new NpgsqlBatchCommand(plan.Insert);
        var ewkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false);
        foreach (var c in plan.Columns)
        {
            var values = Array.CreateInstance(c.Carrier, rows.Count);
            var i = 0;
            foreach (var row in rows)
            {
                var value = c.Read(row);
                values.SetValue(c.Kind switch
                {
                    ColumnKind.Array => value is null ? null : ArrayLiteral((System.Collections.IEnumerable)value),
                    ColumnKind.Spatial => value is null ? null : ewkb.Write((NetTopologySuite.Geometries.Geometry)value),
                    _ => value,
                }, i++);
            }
            command.Parameters.Add(new NpgsqlParameter { DataTypeName = c.CarrierStoreType + "[]", Value = values });
        }
        return command;
    }

    /// <summary>
    /// A PostgreSQL array literal of <paramref name="elements"/> (<c>{"a","b \"c\"",NULL}</c>): every element quoted,
    /// backslashes and double quotes escaped, null as NULL. Elements are strings, GUIDs or integers.
    /// </summary>
    public static string ArrayLiteral(System.Collections.IEnumerable elements)
    {
        var b = new StringBuilder("{");
        foreach (var e in elements)
        {
            if (b.Length > 1)
            {
                b.Append(',');
            }
            if (e is null)
            {
                b.Append("NULL");
                continue;
            }
            var text = e switch
            {
                string x => x,
                Guid x => x.ToString(),
                int or long or short => Convert.ToString(e, CultureInfo.InvariantCulture)!,
                _ => throw new NotSupportedException($"Array elements of type {e.GetType().Name} are not supported by EntityInsert."),
            };
            b.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        return b.Append('}').ToString();
    }

    private static Plan PlanOf(IModel model, Type type) => Plans.GetOrAdd((model, type), static key => Build(key.Item1, key.Item2));

    private static Plan Build(IModel model, Type type)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} is not mapped to a table.");
        if (entity.IsOwned() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            throw new NotSupportedException($"{type.Name}: owned types are not supported by EntityInsert.");
        }
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var p in entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never))
        {
            if (p.IsShadowProperty())
            {
                throw new NotSupportedException($"{type.Name}.{p.Name}: shadow properties are not supported by EntityInsert.");
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
            var kind = storeType.EndsWith("[]", StringComparison.Ordinal) ? ColumnKind.Array
                : storeType is "geography" or "geometry" ? ColumnKind.Spatial
                : ColumnKind.Scalar;
            columns.Add(new Column(name, storeType, providerType, kind, converter is null
                ? getter.GetClrValue
                : row => getter.GetClrValue(row) is { } v ? converter.ConvertToProvider(v) : null));
        }
        var schema = entity.GetSchema() is { } s ? Quote(s) + "." : string.Empty;
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var select = string.Join(", ", columns.Select((c, i) => c.Kind == ColumnKind.Scalar ? $"c{i}" : $"c{i}::{c.StoreType}"));
        var insert = $"INSERT INTO {schema}{Quote(tableName)} ({list}) SELECT {select} FROM unnest({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))}) "
                     + $"AS u({string.Join(", ", columns.Select((_, i) => $"c{i}"))})";
        return new Plan(insert, columns);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Plan(string Insert, List<Column> Columns);

    private enum ColumnKind
    {
        Scalar,
        Array,
        Spatial,
    }

    private sealed record Column(string Name, string StoreType, Type ProviderType, ColumnKind Kind, Func<object, object?> Read)
    {
        /// <summary>The element type of the unnest parameter: the value itself, or its array literal or EWKB.</summary>
        public Type Carrier => Kind switch
        {
            ColumnKind.Array => typeof(string),
            ColumnKind.Spatial => typeof(byte[]),
            _ => ProviderType,
        };

        public string CarrierStoreType => Kind switch
        {
            ColumnKind.Array => "text",
            ColumnKind.Spatial => "bytea",
            _ => StoreType,
        };
    }
}
