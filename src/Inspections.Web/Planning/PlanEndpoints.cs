using System.ComponentModel.DataAnnotations;
using Hangfire;
using Inspections.Domain.Common;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Planning;

public sealed class PlanDraftRequest
{
    [Required, Range(2000, 2100)]
    public int? Year { get; set; }

    [Required, Range(1, 12)]
    public int? Month { get; set; }
}

public sealed class PlanApproveRequest
{
    /// <summary>Why, when the plan was edited or is approved late; kept with the approval.</summary>
    [StringLength(500)]
    public string? Reason { get; set; }
}

public sealed record PlanDraftAccepted(string JobId, int Year, int Month);

public sealed record PlanReplayDto(bool Matches, bool FingerprintMatches, string RecomputedFingerprint, string? FirstDifference)
{
    public static PlanReplayDto From(ReplayResult r) => new(r.Matches, r.FingerprintMatches, r.RecomputedFingerprint, r.FirstDifference);
}

/// <summary>Monthly 双随机 plans: draft (background job), list, read, approve, and public replay of the draws.</summary>
public static class PlanEndpoints
{
    private const string Base = "/api/plans";

    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).WithTags("Plans");
        g.MapPost("/draft", DraftAsync)
            .WithName("DraftPlans")
            .WithSummary("Draft the month's plan for every street in the background; streets that already have one are left alone.")
            .RequireAuthorization(AppPolicies.PlanWrite);
        g.MapGet("/", ListAsync).WithName("ListPlans").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPlan")
            .WithSummary("Operations, teams with officer names, visits with venue names and reasons in Chinese and English.")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPost("/{id:guid}/approve", ApproveAsync)
            .WithName("ApprovePlan")
            .WithSummary("Approve a draft (If-Match); publishes the assignments to the officers. A plan that breaks a rule needs a reason.")
            .RequireAuthorization(AppPolicies.PlanWrite);
        g.MapGet("/{id:guid}/replay", ReplayAsync)
            .WithName("ReplayPlan")
            .WithSummary("Re-run the planner on the stored input and seed and report the first difference from the stored plan.")
            .RequireAuthorization(AppPolicies.RegistryRead);
        return app;
    }

    public static Accepted<PlanDraftAccepted> DraftAsync(PlanDraftRequest r, IBackgroundJobClient jobs)
    {
        int year = r.Year!.Value, month = r.Month!.Value;
        var jobId = jobs.Enqueue<MonthlyPlanJob>(j => j.RunAsync(year, month, CancellationToken.None));
        return TypedResults.Accepted($"{Base}?year={year}&month={month}", new PlanDraftAccepted(jobId, year, month));
    }

    public static async Task<Ok<IReadOnlyList<PlanSummary>>> ListAsync(PlanService plans, int? year, int? month, CancellationToken ct) =>
        TypedResults.Ok(await plans.ListAsync(year, month, ct));

    public static async Task<Results<Ok<PlanDetails>, NotFound>> GetAsync(Guid id, PlanService plans, HttpContext http, CancellationToken ct)
    {
        if (await plans.GetAsync(id, ct) is not { } details)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, details.Plan.Version);
        return TypedResults.Ok(details);
    }

    public static async Task<Results<Ok<PlanSummary>, NotFound, ProblemHttpResult>> ApproveAsync(
        Guid id, PlanApproveRequest? r, PlanService plans, PlanEditService edits, HttpContext http, CancellationToken ct)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        if (await edits.ValidateAsync(id, ct) is not { } violations)
        {
            return TypedResults.NotFound();
        }
        if (violations.Count > 0 && string.IsNullOrWhiteSpace(r?.Reason))
        {
            return TypedResults.Problem(
                title: "The plan breaks planning rules.",
                detail: "Fix the plan, or approve it with a reason that explains the exceptions.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = "plan.violations", ["violations"] = violations });
        }
        try
        {
            if (await plans.ApproveAsync(id, version ?? 0, r?.Reason, ct) is null)
            {
                return TypedResults.NotFound();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await plans.GetAsync(id, ct);
            return ETags.Stale(current?.Plan.Version ?? 0);
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(
                title: "The plan cannot be approved.",
                detail: e.Message,
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
        var summary = (await plans.GetAsync(id, ct))!.Plan;
        ETags.Set(http, summary.Version);
        return TypedResults.Ok(summary);
    }

    public static async Task<Results<Ok<PlanReplayDto>, NotFound>> ReplayAsync(Guid id, PlanService plans, CancellationToken ct) =>
        await plans.ReplayAsync(id, ct) is { } result ? TypedResults.Ok(PlanReplayDto.From(result)) : TypedResults.NotFound();
}
