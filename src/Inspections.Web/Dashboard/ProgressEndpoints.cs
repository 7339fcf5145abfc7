using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Inspections.Domain.Common;
using Inspections.Domain.Progress;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Progress;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Dashboard;

public sealed class ProgressSectionRequest
{
    [Required]
    public ProgressTask? Task { get; set; }

    [StringLength(ProgressReport.MaxTextLength)]
    public string? Progress { get; set; }

    [StringLength(ProgressReport.MaxTextLength)]
    public string? DataNote { get; set; }

    [StringLength(ProgressReport.MaxTextLength)]
    public string? NextSteps { get; set; }
}

public sealed class ProgressReportRequest
{
    [Required, Range(2000, 2100)]
    public int? Year { get; set; }

    [Required, Range(1, 12)]
    public int? Month { get; set; }

    [Required, MinLength(1), MaxLength(4)]
    public List<ProgressSectionRequest>? Sections { get; set; }
}

public sealed class ProgressSubmitRequest
{
    [Required, Range(2000, 2100)]
    public int? Year { get; set; }

    [Required, Range(1, 12)]
    public int? Month { get; set; }
}

public sealed record ProgressSectionDto(ProgressTask Task, string Name, string Progress, string DataNote, string NextSteps, string KeyData);

public sealed record ProgressReportDto(
    Guid StreetId, string StreetName, int Year, int Month, ProgressReportStatus Status, DateOnly DueDate, bool Saved, uint? Version,
    IReadOnlyList<ProgressSectionDto> Sections, string? UpdatedBy, string? SubmittedBy, DateTimeOffset? SubmittedAt,
    IReadOnlyList<DateOnly> Reminders, IReadOnlyList<string> MissingSources)
{
    public static ProgressReportDto From(ProgressReportView v) => new(
        v.StreetId, v.StreetName, v.Year, v.Month, v.Status, v.DueDate, v.Stored is not null, v.Stored?.Version,
        [.. Enum.GetValues<ProgressTask>().Select(t =>
        {
            var s = v.Section(t);
            return new ProgressSectionDto(t, ProgressFigures.TaskNames[t], s.Progress ?? string.Empty, s.DataNote ?? string.Empty, s.NextSteps ?? string.Empty,
                ProgressFigures.KeyData(t, v.Figures));
        })],
        v.Stored?.UpdatedBy, v.Stored?.SubmittedBy, v.Stored?.SubmittedAt, [.. v.Reminders.Select(r => r.RemindedOn)], v.Figures.MissingSources);
}

/// <summary>Monthly progress tables (月度工作进度表) per street: read with computed figures, edit texts (If-Match), submit, print.</summary>
public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/progress-reports").WithTags("Progress reports");
        g.MapGet("/{streetId:guid}", GetAsync).WithName("GetProgressReport")
            .WithSummary("The street's table for year/month (default: this month): stored texts, computed key figures, ETag.")
            .RequireAuthorization(AppPolicies.DashboardView);
        g.MapPut("/{streetId:guid}", PutAsync).WithName("SaveProgressReport")
            .WithSummary("Create the table, or replace its texts (If-Match with the ETag read).")
            .RequireAuthorization(AppPolicies.ProgressReportWrite);
        g.MapPost("/{streetId:guid}/submit", SubmitAsync).WithName("SubmitProgressReport")
            .WithSummary("Submit the table to the office (If-Match); every task needs its progress text.")
            .RequireAuthorization(AppPolicies.ProgressReportWrite);
        g.MapGet("/{streetId:guid}/pdf", PdfAsync).WithName("ProgressReportPdf")
            .WithSummary("The table as a Chinese A4 landscape PDF.")
            .RequireAuthorization(AppPolicies.DashboardView);
        return app;
    }

    public static async Task<Results<Ok<ProgressReportDto>, NotFound, ValidationProblem>> GetAsync(
        Guid streetId, [AsParameters] DashboardParameters q, ProgressReportService reports, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (q.Validate(clock, out var year, out var month) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await reports.GetAsync(streetId, year, month, ct) is not { } view)
        {
            return TypedResults.NotFound();
        }
        if (view.Stored is { } stored)
        {
            ETags.Set(http, stored.Version);
        }
        return TypedResults.Ok(ProgressReportDto.From(view));
    }

    public static async Task<Results<Ok<ProgressReportDto>, Created<ProgressReportDto>, NotFound, ValidationProblem, ProblemHttpResult>> PutAsync(
        Guid streetId, ProgressReportRequest r, ProgressReportService reports, HttpContext http, CancellationToken ct)
    {
        var tasks = r.Sections!.Select(s => s.Task!.Value).ToList();
        if (tasks.Distinct().Count() != tasks.Count)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sections"] = ["Each task may appear once."] });
        }
        var sections = r.Sections!.ToDictionary(s => s.Task!.Value, s => new ProgressSection(s.Progress, s.DataNote, s.NextSteps));
        var (present, version) = ETags.ReadIfMatch(http.Request);
        int year = r.Year!.Value, month = r.Month!.Value;
        try
        {
            var (outcome, report) = await reports.SaveAsync(streetId, year, month, sections, present, version, ct);
            return outcome switch
            {
                ProgressSaveOutcome.NotFound => TypedResults.NotFound(),
                ProgressSaveOutcome.PreconditionRequired => ETags.PreconditionRequired(),
                ProgressSaveOutcome.Stale => ETags.Stale(report?.Version ?? 0),
                _ => await AnswerAsync(streetId, year, month, outcome == ProgressSaveOutcome.Created, reports, http, ct),
            };
        }
        catch (DomainException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Code] = [e.Message] });
        }
    }

    public static async Task<Results<Ok<ProgressReportDto>, Created<ProgressReportDto>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Guid streetId, ProgressSubmitRequest r, ProgressReportService reports, HttpContext http, CancellationToken ct)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        int year = r.Year!.Value, month = r.Month!.Value;
        try
        {
            var (outcome, report) = await reports.SubmitAsync(streetId, year, month, present, version, ct);
            return outcome switch
            {
                ProgressSaveOutcome.NotFound => TypedResults.NotFound(),
                ProgressSaveOutcome.PreconditionRequired => ETags.PreconditionRequired(),
                ProgressSaveOutcome.Stale => ETags.Stale(report?.Version ?? 0),
                _ => await AnswerAsync(streetId, year, month, false, reports, http, ct),
            };
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(
                title: "The progress table cannot be submitted.",
                detail: e.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> PdfAsync(
        Guid streetId, [AsParameters] DashboardParameters q, ProgressReportService reports, IPdfRenderer pdf, TimeProvider clock, CancellationToken ct)
    {
        if (q.Validate(clock, out var year, out var month) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await reports.GetAsync(streetId, year, month, ct) is not { } view)
        {
            return TypedResults.NotFound();
        }
        var bytes = pdf.RenderToArray(DashboardDocuments.ProgressTable(view, clock.GetUtcNow()));
        return TypedResults.File(bytes, "application/pdf", string.Create(CultureInfo.InvariantCulture, $"progress-{year}-{month:00}.pdf"));
    }

    private static async Task<Results<Ok<ProgressReportDto>, Created<ProgressReportDto>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid streetId, int year, int month, bool created, ProgressReportService reports, HttpContext http, CancellationToken ct)
    {
        var view = (await reports.GetAsync(streetId, year, month, ct))!;
        ETags.Set(http, view.Stored!.Version);
        var dto = ProgressReportDto.From(view);
        return created
            ? TypedResults.Created($"/api/progress-reports/{streetId}?year={year}&month={month}", dto)
            : TypedResults.Ok(dto);
    }
}
