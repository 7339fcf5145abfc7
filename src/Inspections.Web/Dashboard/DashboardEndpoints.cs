using System.Globalization;
using Inspections.Infrastructure.Dashboard;
using Inspections.Infrastructure.Documents;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inspections.Web.Dashboard;

/// <summary>Query string of every dashboard call: month (default: this month in China) and jurisdiction (default: all of the user's).</summary>
public sealed class DashboardParameters
{
    [FromQuery]
    public int? Year { get; set; }

    [FromQuery]
    public int? Month { get; set; }

    [FromQuery]
    public Guid? JurisdictionId { get; set; }

    /// <summary>Null when valid; otherwise the field errors.</summary>
    public Dictionary<string, string[]>? Validate(TimeProvider clock, out int year, out int month)
    {
        var today = clock.GetUtcNow().ToOffset(DashboardQueries.ChinaOffset);
        year = Year ?? today.Year;
        month = Month ?? today.Month;
        var errors = new Dictionary<string, string[]>();
        if (year is < 2000 or > 2100)
        {
            errors["year"] = ["Year must be between 2000 and 2100."];
        }
        if (month is < 1 or > 12)
        {
            errors["month"] = ["Month must be between 1 and 12."];
        }
        return errors.Count == 0 ? null : errors;
    }
}

/// <summary>Dashboard figures, drill-down lists, chart exports (CSV/XLSX) and the meeting PDF.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(AppPolicies.DashboardView);
        g.MapGet("/", GetAsync).WithName("GetDashboard")
            .WithSummary("Every figure of the dashboard for a month and jurisdiction (plan vs done, coverage, findings, notices, workload, trend).");
        g.MapGet("/drill", DrillAsync).WithName("DrillDashboard")
            .WithSummary("The visits, venues or notices behind one chart element (chart = communities|departments|coverage|findings|funnel|workload|trend).");
        g.MapGet("/export", ExportAsync).WithName("ExportDashboardChart")
            .WithSummary("One chart's data (or the overdue list: chart=overdue) as CSV or XLSX (format=csv|xlsx).");
        g.MapGet("/pdf", PdfAsync).WithName("DashboardPdf").WithSummary("The whole dashboard as a Chinese A4 PDF for the leadership meeting.");
        return app;
    }

    public static async Task<Results<Ok<DashboardFigures>, NotFound, ValidationProblem>> GetAsync(
        [AsParameters] DashboardParameters q, DashboardQueries dashboard, TimeProvider clock, CancellationToken ct)
    {
        if (q.Validate(clock, out var year, out var month) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await dashboard.ResolveScopeAsync(q.JurisdictionId, ct) is not { } scope)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await dashboard.GetAsync(scope, year, month, ct));
    }

    public static async Task<Results<Ok<DrillTable>, NotFound, ValidationProblem>> DrillAsync(
        [AsParameters] DashboardParameters q, string? chart, string? key, DashboardQueries dashboard, TimeProvider clock, CancellationToken ct)
    {
        var errors = q.Validate(clock, out var year, out var month) ?? [];
        if (string.IsNullOrWhiteSpace(chart) || !DashboardQueries.Charts.Contains(chart))
        {
            errors["chart"] = [$"chart must be one of: {string.Join(", ", DashboardQueries.Charts)}."];
        }
        if (string.IsNullOrWhiteSpace(key) || key.Length > 100)
        {
            errors["key"] = ["key is required (at most 100 characters)."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await dashboard.ResolveScopeAsync(q.JurisdictionId, ct) is not { } scope)
        {
            return TypedResults.NotFound();
        }
        return await dashboard.DrillAsync(scope, year, month, chart!, key!, ct) is { } table
            ? TypedResults.Ok(table)
            : TypedResults.NotFound();
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportAsync(
        [AsParameters] DashboardParameters q, string? chart, string? format, DashboardQueries dashboard, IStringLocalizer<SharedResource> L,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = q.Validate(clock, out var year, out var month) ?? [];
        string[] charts = [.. DashboardQueries.Charts, DashboardCharts.Overdue];
        if (string.IsNullOrWhiteSpace(chart) || !charts.Contains(chart))
        {
            errors["chart"] = [$"chart must be one of: {string.Join(", ", charts)}."];
        }
        if (format is not ("csv" or "xlsx"))
        {
            errors["format"] = ["format must be csv or xlsx."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await dashboard.ResolveScopeAsync(q.JurisdictionId, ct) is not { } scope)
        {
            return TypedResults.NotFound();
        }
        var figures = await dashboard.GetAsync(scope, year, month, ct);
        var (header, rows) = DashboardCharts.Table(figures, L, chart!)!.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"dashboard-{chart}-{year}-{month:00}.{format}");
        return format == "csv"
            ? TypedResults.File(DashboardCharts.Csv(header, rows), "text/csv; charset=utf-8", name)
            : TypedResults.File(DashboardCharts.Xlsx(chart!, header, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> PdfAsync(
        [AsParameters] DashboardParameters q, DashboardQueries dashboard, IStringLocalizer<SharedResource> L, IPdfRenderer pdf, TimeProvider clock,
        CancellationToken ct)
    {
        if (q.Validate(clock, out var year, out var month) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await dashboard.ResolveScopeAsync(q.JurisdictionId, ct) is not { } scope)
        {
            return TypedResults.NotFound();
        }
        var figures = await dashboard.GetAsync(scope, year, month, ct);
        var document = InChinese(() => DashboardDocuments.Dashboard(figures, ScopeName(scope), L, clock.GetUtcNow()));
        var bytes = pdf.RenderToArray(document);
        return TypedResults.File(bytes, "application/pdf", string.Create(CultureInfo.InvariantCulture, $"dashboard-{year}-{month:00}.pdf"));
    }

    /// <summary>The chosen jurisdiction's name, or the user's street, or 全部辖区.</summary>
    public static string ScopeName(DashboardScope s) =>
        s.Name is { Length: > 0 } n ? n
        : s.Choices.Count(c => c.IsStreet) == 1 ? s.Choices.First(c => c.IsStreet).Name
        : "全部辖区";

    /// <summary>Official documents are Chinese whatever the UI language (the default resources are zh-CN).</summary>
    public static T InChinese<T>(Func<T> build)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return build();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
