using System.Text.Json;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Infrastructure.Registry.Import.Persistence;

/// <summary>
/// Writes analysed rows with binary COPY, about ten times faster than INSERTs for a 10,000-row file. Column names
/// come from the EF model; values are converted as <see cref="VenueImportRowConfiguration"/> maps them.
/// </summary>
internal sealed class ImportRowCopy
{
    private readonly string _sql;

    public ImportRowCopy(InspectionsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(VenueImportRow)) ?? throw new InvalidOperationException("VenueImportRow is not mapped.");
        string Column(string property) => entity.FindProperty(property)?.GetColumnName()
                                          ?? throw new InvalidOperationException($"VenueImportRow.{property} is not mapped.");
        string[] columns =
        [
            Column(nameof(VenueImportRow.ImportId)), Column(nameof(VenueImportRow.RowNumber)), Column(nameof(VenueImportRow.Status)),
            Column(nameof(VenueImportRow.Name)), Column(nameof(VenueImportRow.Values)), Column(nameof(VenueImportRow.Errors)),
            Column(nameof(VenueImportRow.Warnings)),
        ];
        _sql = $"COPY {entity.GetTableName()} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>One COPY, committed on its own.</summary>
    public async Task WriteAsync(InspectionsDbContext db, IReadOnlyList<VenueImportRow> rows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var importer = await connection.BeginBinaryImportAsync(_sql, ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(row.ImportId, NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(row.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(importer, row.Name, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(importer, row.Values is null ? null : JsonSerializer.Serialize(row.Values, ImportJson.Options), NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(JsonSerializer.Serialize(row.Errors, ImportJson.Options), NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(JsonSerializer.Serialize(row.Warnings, ImportJson.Options), NpgsqlDbType.Jsonb, ct);
            }
            await importer.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);
}
