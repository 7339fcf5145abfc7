using System.Globalization;
using System.Text;
using Inspections.Infrastructure.Dashboard;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Inspections.Web.Dashboard;

/// <summary>One data series of a chart. <see cref="TableOnly"/> series appear in exports and the PDF, not in the drawing.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, string? Stack = null, bool TableOnly = false);

/// <summary>
/// A chart as data: categories (with the drill-down key of each), series, and the kind of drawing. The page draws it
/// with ECharts, the exports and the PDF print it as a table — one source for all three.
/// </summary>
public sealed record ChartSpec(
    string Id, string Title, string Kind, string CategoryHeader, IReadOnlyList<string> Categories, IReadOnlyList<string> Keys, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Header row and rows of strings, as exported (CSV, XLSX) and printed (PDF).</summary>
    public (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) AsTable()
    {
        var header = new List<string> { CategoryHeader };
        header.AddRange(Series.Select(s => s.Name));
        var rows = Categories.Select((c, i) => (IReadOnlyList<string>)[c, .. Series.Select(s => Format(s.Values[i]))]).ToList();
        return (header, rows);
    }

    private static string Format(double v) => v.ToString(v % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture);
}

/// <summary>Builds the dashboard's charts from the figures, in the UI language (the PDF always in Chinese).</summary>
public static class DashboardCharts
{
    public const string Overdue = "overdue";

    public static readonly string[] FunnelStages = ["issued", "served", "rectified", "overdue", "escalated"];

    public static IReadOnlyList<ChartSpec> Build(DashboardFigures f, IStringLocalizer L)
    {
        string T(string key) => L[key];
        string Enum(string type, string value) => L[$"{type}.{value}"] is { ResourceNotFound: false } s ? s.Value : value;

        var charts = new List<ChartSpec>
        {
            new("communities", T("Dashboard.Chart.Communities"), "bar", T("Dashboard.Col.Community"),
                [.. f.Communities.Select(c => c.Name)], [.. f.Communities.Select(c => c.Id.ToString())],
                [
                    new(T("Dashboard.S.OperationsPlanned"), [.. f.Communities.Select(c => (double)c.OperationsPlanned)]),
                    new(T("Dashboard.S.OperationsDone"), [.. f.Communities.Select(c => (double)c.OperationsDone)]),
                    new(T("Dashboard.S.VisitsPlanned"), [.. f.Communities.Select(c => (double)c.VisitsPlanned)]),
                    new(T("Dashboard.S.PlannedVisitsDone"), [.. f.Communities.Select(c => (double)c.PlannedVisitsDone)]),
                    new(T("Dashboard.S.Visits"), [.. f.Communities.Select(c => (double)c.Visits)]),
                    new(T("Dashboard.S.AdHocVisits"), [.. f.Communities.Select(c => (double)c.AdHocVisits)], TableOnly: true),
                ]),
            new("departments", T("Dashboard.Chart.Departments"), "bar", T("Dashboard.Col.Department"),
                [.. f.Departments.Select(d => Enum("DepartmentKind", d.DepartmentKind))], [.. f.Departments.Select(d => d.DepartmentKind)],
                [
                    new(T("Dashboard.S.VisitsPlanned"), [.. f.Departments.Select(d => (double)d.VisitsPlanned)]),
                    new(T("Dashboard.S.PlannedVisitsDone"), [.. f.Departments.Select(d => (double)d.PlannedVisitsDone)]),
                    new(T("Dashboard.S.Visits"), [.. f.Departments.Select(d => (double)d.Visits)]),
                ]),
            new("coverage", string.Format(CultureInfo.CurrentCulture, T("Dashboard.Chart.Coverage"), f.Year, f.Quarter), "hbar", T("Dashboard.Col.VenueType"),
                [.. f.Coverage.Select(c => (c.QuarterlySpecialCheck ? "★ " : string.Empty) + Enum("VenueType", c.VenueType))], [.. f.Coverage.Select(c => c.VenueType)],
                [
                    new(T("Dashboard.S.Venues"), [.. f.Coverage.Select(c => (double)c.Venues)]),
                    new(T("Dashboard.S.Covered"), [.. f.Coverage.Select(c => (double)c.Covered)]),
                    new(T("Dashboard.S.CoveragePercent"), [.. f.Coverage.Select(c => c.Percent)], TableOnly: true),
                ]),
        };

        // Findings: the ten most broken items, stacked by venue type.
        var top = f.Findings.GroupBy(x => x.ItemCode)
            .Select(g => (Code: g.Key, Text: g.First().ItemText, Total: g.Sum(x => x.Failures)))
            .OrderByDescending(x => x.Total).ThenBy(x => x.Code, StringComparer.Ordinal).Take(10).ToList();
        var types = f.Findings.Where(x => top.Any(t => t.Code == x.ItemCode)).Select(x => x.VenueType).Distinct().Order(StringComparer.Ordinal).ToList();
        charts.Add(new("findings", T("Dashboard.Chart.Findings"), "hbar-stacked", T("Dashboard.Col.CheckItem"),
            [.. top.Select(t => t.Code == t.Text ? t.Code : $"{t.Code} {Shorten(t.Text, 18)}")], [.. top.Select(t => t.Code)],
            [.. types.Select(type => new ChartSeries(Enum("VenueType", type),
                [.. top.Select(t => (double)f.Findings.Where(x => x.ItemCode == t.Code && x.VenueType == type).Sum(x => x.Failures))], "findings"))]));

        var funnel = f.Funnel;
        charts.Add(new("funnel", T("Dashboard.Chart.Funnel"), "funnel", T("Dashboard.Col.Stage"),
            [.. FunnelStages.Select(s => T($"Dashboard.Stage.{s}"))], FunnelStages,
            [new(T("Dashboard.S.Notices"), [funnel.Issued, funnel.Served, funnel.Rectified, funnel.Overdue, funnel.Escalated])]));

        var officers = f.Workload.Take(20).ToList();
        charts.Add(new("workload", T("Dashboard.Chart.Workload"), "bar", T("Dashboard.Col.Officer"),
            [.. officers.Select(o => o.Name)], [.. officers.Select(o => o.Id.ToString())],
            [
                new(T("Dashboard.S.VisitsPlanned"), [.. officers.Select(o => (double)o.VisitsPlanned)]),
                new(T("Dashboard.S.Visits"), [.. officers.Select(o => (double)o.Visits)]),
                new(T("Dashboard.S.NoticesIssued"), [.. officers.Select(o => (double)o.NoticesIssued)]),
            ]));

        charts.Add(new("trend", T("Dashboard.Chart.Trend"), "line", T("Dashboard.Col.Month"),
            [.. f.Trend.Select(m => $"{m.Year}-{m.Month:00}")], [.. f.Trend.Select(m => $"{m.Year}-{m.Month:00}")],
            [
                new(T("Dashboard.S.VisitsPlanned"), [.. f.Trend.Select(m => (double)m.VisitsPlanned)]),
                new(T("Dashboard.S.Visits"), [.. f.Trend.Select(m => (double)m.Visits)]),
                new(T("Dashboard.S.FailedItems"), [.. f.Trend.Select(m => (double)m.FailedItems)]),
                new(T("Dashboard.S.NoticesIssued"), [.. f.Trend.Select(m => (double)m.NoticesIssued)]),
                new(T("Dashboard.S.NoticesRectified"), [.. f.Trend.Select(m => (double)m.NoticesRectified)]),
            ]));
        return charts;
    }

    /// <summary>The overdue list as a table (export and PDF).</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) OverdueTable(DashboardFigures f, IStringLocalizer L)
    {
        string Enum(string type, string value) => L[$"{type}.{value}"] is { ResourceNotFound: false } s ? s.Value : value;
        IReadOnlyList<string> header =
        [
            L["Dashboard.Col.NoticeNumber"], L["Dashboard.Col.Venue"], L["Dashboard.Col.VenueType"], L["Dashboard.Col.Department"],
            L["Dashboard.Col.Deadline"], L["Dashboard.Col.DaysOverdue"], L["Dashboard.Col.NoticeStatus"],
        ];
        var rows = f.Overdue.Select(o => (IReadOnlyList<string>)
        [
            o.Number, o.VenueName, Enum("VenueType", o.VenueType), Enum("DepartmentKind", o.DepartmentKind),
            o.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.DaysOverdue.ToString(CultureInfo.InvariantCulture),
            Enum("Dashboard.NoticeStatus", o.Status),
        ]).ToList();
        return (header, rows);
    }

    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)? Table(DashboardFigures f, IStringLocalizer L, string chart) =>
        chart == Overdue ? OverdueTable(f, L) : Build(f, L).FirstOrDefault(c => c.Id == chart)?.AsTable();

    public static byte[] Csv(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        // A UTF-8 byte order mark first, so that Excel opens the Chinese text correctly.
        buffer.Write(Encoding.UTF8.GetPreamble());
        using (var csv = CsvHelper.CsvWriter.Create(buffer, CsvHelper.CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(string sheet, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        // Numbers as numbers, so that the sheet can be summed; header texts become the first row.
        var data = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                var cell = i < r.Count ? r[i] : null;
                d[header[i]] = i > 0 && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : cell;
            }
            return d;
        }).ToList();
        if (data.Count == 0)
        {
            data.Add(header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }
        using var buffer = new MemoryStream();
        buffer.SaveAs(data, sheetName: SheetName(sheet), excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static string SheetName(string s)
    {
        var clean = new string([.. s.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
