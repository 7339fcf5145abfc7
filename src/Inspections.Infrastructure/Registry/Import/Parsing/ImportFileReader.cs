using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using MiniExcelLibs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Inspections.Infrastructure.Registry.Import.Parsing;

/// <summary>One non-blank row of an import file: its recognised cells by field name, trimmed and non-empty.</summary>
internal sealed record ImportSourceRow(int RowNumber, IReadOnlyDictionary<string, string> Values, ImportFieldError? GeometryError = null);

/// <summary>The file as a whole cannot be read; the import fails with this message.</summary>
internal sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns CSV, XLSX and GeoJSON uploads into rows of cells keyed by field name.</summary>
internal static class ImportFileReader
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() }, MaxDepth = 64 };

    static ImportFileReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static List<ImportSourceRow> Read(ImportFormat format, byte[] content, int maxRows)
    {
        var rows = format switch
        {
            ImportFormat.Csv => ReadCsv(content, maxRows),
            ImportFormat.Xlsx => ReadXlsx(content, maxRows),
            ImportFormat.GeoJson => ReadGeoJson(content, maxRows),
            _ => throw new ImportFileException($"Unsupported format {format}."),
        };
        if (rows.Count == 0)
        {
            throw new ImportFileException("The file contains no venue rows below its header.");
        }
        return rows;
    }

    private static List<ImportSourceRow> ReadCsv(byte[] content, int maxRows)
    {
        var options = new CsvReaderOptions
        {
            Encoding = LooksLikeUtf8(content) ? null : Encoding.GetEncoding("GB18030"),
            SkipEmptyLines = false,
            TrimWhitespace = true,
            IncludeValuesInExceptions = false,
            MaxRecordSize = 1 << 20,
        };
        var rows = new List<ImportSourceRow>();
        try
        {
            using var csv = CsvReader.Create(content, options);
            var columns = MapHeader(csv.Headers.Select((h, i) => (i, (string?)h)));
            while (csv.Read())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (index, field) in columns)
                {
                    if (index < csv.FieldCount && Clean(csv.GetString(index)) is { } v)
                    {
                        values[field] = v;
                    }
                }
                // Spreadsheet row: the header is row 1 and blank lines count, as when the file is opened in Excel.
                Add(rows, new ImportSourceRow(checked((int)csv.RowNumber + 1), values), maxRows);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException("The CSV file is malformed (for example an unclosed quote): " + ex.Message, ex);
        }
        return rows;
    }

    private static List<ImportSourceRow> ReadXlsx(byte[] content, int maxRows)
    {
        var rows = new List<ImportSourceRow>();
        Dictionary<string, string>? columns = null;
        var rowNumber = 0;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                // MiniExcel yields every row from A1 on, blank ones included, so the count is the Excel row number.
                rowNumber++;
                if (columns is null)
                {
                    if (cells.Values.Any(v => CellText(v) is not null))
                    {
                        columns = MapHeader(cells.Select(kv => (kv.Key, CellText(kv.Value))));
                    }
                    continue;
                }
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (column, field) in columns)
                {
                    if (cells.TryGetValue(column, out var cell) && CellText(cell) is { } v)
                    {
                        values[field] = v;
                    }
                }
                Add(rows, new ImportSourceRow(rowNumber, values), maxRows);
            }
        }
        catch (Exception ex) when (ex is not ImportFileException)
        {
            throw new ImportFileException("The XLSX workbook could not be read. Save it again from Excel or WPS as .xlsx.", ex);
        }
        if (columns is null)
        {
            throw new ImportFileException("The first sheet of the workbook is empty.");
        }
        return rows;
    }

    private static List<ImportSourceRow> ReadGeoJson(byte[] content, int maxRows)
    {
        var json = content.AsSpan();
        if (json.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }
        FeatureCollection? features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(json, GeoJson);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new ImportFileException($"The file is not a GeoJSON FeatureCollection of Point features{where}.", ex);
        }
        if (features is null)
        {
            throw new ImportFileException("The file is not a GeoJSON FeatureCollection of Point features.");
        }
        var rows = new List<ImportSourceRow>();
        var position = 0;
        foreach (var feature in features)
        {
            position++;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (feature.Attributes is { } attributes)
            {
                foreach (var key in attributes.GetNames())
                {
                    if (ImportColumns.Resolve(key) is { } field && !values.ContainsKey(field) && CellText(attributes[key]) is { } v)
                    {
                        values[field] = v;
                    }
                }
            }
            ImportFieldError? geometryError = null;
            switch (feature.Geometry)
            {
                case Point { IsEmpty: false } p:
                    values[ImportColumns.Longitude] = p.X.ToString("R", CultureInfo.InvariantCulture);
                    values[ImportColumns.Latitude] = p.Y.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case null:
                    break;
                case var g:
                    geometryError = new ImportFieldError("geometry", $"The geometry must be a Point, not a {g.GeometryType}.", "import.geometry_not_point", g.GeometryType);
                    break;
            }
            Add(rows, new ImportSourceRow(position, values, geometryError), maxRows);
        }
        return rows;
    }

    private static void Add(List<ImportSourceRow> rows, ImportSourceRow row, int maxRows)
    {
        if (row.Values.Count == 0 && row.GeometryError is null)
        {
            return;
        }
        if (rows.Count >= maxRows)
        {
            throw new ImportFileException($"The file has more than {maxRows} rows. Split it into several files.");
        }
        rows.Add(row);
    }

    /// <summary>Maps column keys to fields by their header text; refuses duplicate and missing required columns.</summary>
    private static Dictionary<TKey, string> MapHeader<TKey>(IEnumerable<(TKey Key, string? Header)> header)
        where TKey : notnull
    {
        var columns = new Dictionary<TKey, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, text) in header)
        {
            if (ImportColumns.Resolve(text) is not { } field)
            {
                continue;
            }
            if (!seen.Add(field))
            {
                throw new ImportFileException($"Two columns of the header mean {ImportColumns.Describe(field)}. Keep one of them.");
            }
            columns[key] = field;
        }
        var missing = ImportColumns.Required
            .Where(f => !seen.Contains(f))
            .Select(ImportColumns.Describe)
            .ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(
                $"The header row (the first row) lacks the column(s) {string.Join(", ", missing)}. Download the template to see the expected columns.");
        }
        return columns;
    }

    /// <summary>UTF-8 (with or without a byte order mark) or UTF-16 with a mark; anything else is taken as GB18030 (GBK), as Excel saves CSV on Chinese Windows.</summary>
    private static bool LooksLikeUtf8(byte[] content) =>
        content.AsSpan().StartsWith(Encoding.UTF8.Preamble)
        || content.AsSpan().StartsWith(Encoding.Unicode.Preamble)
        || content.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble)
        || Utf8.IsValid(content);

    private static string? Clean(string? value)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => Clean(s),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        IFormattable x => Clean(x.ToString(null, CultureInfo.InvariantCulture)),
        IAttributesTable => "{…}",
        _ => Clean(value.ToString()),
    };
}
