using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Common;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Planning;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Planning;

/// <summary>One edit of a plan by the lead. Which fields are needed depends on <see cref="Kind"/>.</summary>
public sealed class PlanEditRequest : IValidatableObject
{
    [Required]
    public PlanEditKind? Kind { get; set; }

    public Guid? VenueId { get; set; }

    public Guid? OperationId { get; set; }

    [Range(1, 50)]
    public int? TeamNumber { get; set; }

    public Guid? RemoveOfficerId { get; set; }

    public Guid? AddOfficerId { get; set; }

    [Range(5, 480)]
    public int? DurationMinutes { get; set; }

    /// <summary>Required once the plan is approved.</summary>
    [StringLength(500)]
    public string? Reason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var needed = Kind switch
        {
            PlanEditKind.MoveVisit => [nameof(VenueId), nameof(OperationId), nameof(TeamNumber)],
            PlanEditKind.AddVisit => [nameof(VenueId), nameof(OperationId), nameof(TeamNumber)],
            PlanEditKind.RemoveVisit => [nameof(VenueId)],
            PlanEditKind.SwapOfficer => new[] { nameof(OperationId), nameof(TeamNumber), nameof(RemoveOfficerId), nameof(AddOfficerId) },
            _ => [],
        };
        var values = new Dictionary<string, object?>
        {
            [nameof(VenueId)] = VenueId,
            [nameof(OperationId)] = OperationId,
            [nameof(TeamNumber)] = TeamNumber,
            [nameof(RemoveOfficerId)] = RemoveOfficerId,
            [nameof(AddOfficerId)] = AddOfficerId,
        };
        foreach (var field in needed.Where(f => values[f] is null || values[f] is Guid g && g == Guid.Empty))
        {
            yield return new ValidationResult($"{field} is required for {Kind}.", [field]);
        }
    }

    public PlanEdit ToEdit() => new(Kind!.Value, VenueId, OperationId, TeamNumber, RemoveOfficerId, AddOfficerId, DurationMinutes);
}

/// <summary>The lead's review: validation, edits (checked against the plan rules, audited, If-Match), edit log, PDFs.</summary>
public static class PlanEditEndpoints
{
    public static IEndpointRouteBuilder MapPlanEditEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/plans").WithTags("Plans");
        g.MapPost("/{id:guid}/edits", EditAsync)
            .WithName("EditPlan")
            .WithSummary("Move, add or remove a visit or swap an officer (If-Match); answers the plan's rule violations after the edit. An approved plan needs a reason.")
            .RequireAuthorization(AppPolicies.PlanWrite);
        g.MapGet("/{id:guid}/edits", EditLogAsync).WithName("PlanEditLog").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}/validation", ValidationAsync)
            .WithName("ValidatePlan")
            .WithSummary("The plan's rule violations (empty when it passes every planning rule).")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}/pdf", MonthlyPdfAsync).WithName("PlanPdf").RequireAuthorization(AppPolicies.DocumentsPrint);
        g.MapGet("/{id:guid}/operations/{operationId:guid}/route-sheet", RouteSheetAsync)
            .WithName("RouteSheetPdf")
            .WithSummary("The printable route sheet (A4, one page set per team) of an operation.")
            .RequireAuthorization(AppPolicies.DocumentsPrint);
        return app;
    }

    public static async Task<Results<Ok<PlanEditResult>, NotFound, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid id, PlanEditRequest r, PlanEditService edits, HttpContext http, CancellationToken ct)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        try
        {
            if (await edits.EditAsync(id, version ?? 0, r.ToEdit(), r.Reason, ct) is not { } result)
            {
                return TypedResults.NotFound();
            }
            ETags.Set(http, result.Version);
            return TypedResults.Ok(result);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await http.RequestServices.GetRequiredService<Inspections.Infrastructure.Persistence.InspectionsDbContext>()
                .Set<MonthlyPlanRecord>().AsNoTracking().Where(p => p.Id == id).Select(p => p.Version).FirstOrDefaultAsync(ct);
            return ETags.Stale(current);
        }
        catch (DomainException e) when (e.Code == "plan.reason_required")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [e.Message] });
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(
                title: "The edit cannot be applied.",
                detail: e.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<PlanEditLogEntry>>, NotFound>> EditLogAsync(Guid id, PlanEditService edits, CancellationToken ct) =>
        await edits.EditLogAsync(id, ct) is { } log ? TypedResults.Ok(log) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<PlanViolationDto>>, NotFound>> ValidationAsync(Guid id, PlanEditService edits, CancellationToken ct) =>
        await edits.ValidateAsync(id, ct) is { } violations ? TypedResults.Ok(violations) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> MonthlyPdfAsync(Guid id, PlanService plans, IPdfRenderer pdf, CancellationToken ct)
    {
        if (await plans.GetAsync(id, ct) is not { } details)
        {
            return TypedResults.NotFound();
        }
        var bytes = pdf.RenderToArray(PlanDocuments.MonthlyPlan(details));
        return TypedResults.File(bytes, "application/pdf", $"plan-{details.Plan.Year}-{details.Plan.Month:00}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> RouteSheetAsync(
        Guid id, Guid operationId, PlanService plans, IPdfRenderer pdf, CancellationToken ct)
    {
        if (await plans.GetAsync(id, ct) is not { } details || PlanDocuments.RouteSheets(details, operationId) is not { } sheets)
        {
            return TypedResults.NotFound();
        }
        var bytes = pdf.RenderBatchToArray(sheets, new PdfBatchOptions { Title = "联合检查路线单" }, cancellationToken: ct);
        var number = details.Operations.First(o => o.Id == operationId).Number;
        return TypedResults.File(bytes, "application/pdf", $"route-sheet-{details.Plan.Year}-{details.Plan.Month:00}-{number}.pdf");
    }
}
