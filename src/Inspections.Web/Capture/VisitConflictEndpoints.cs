using Inspections.Domain.Capture;
using Inspections.Infrastructure.Capture;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Capture;

/// <summary>A reviewer's decision on a conflicting submission. Decision: KeepStored or Dismissed; the note is required.</summary>
public sealed record ResolveConflictRequest(string? Decision, string? Note);

/// <summary>
/// Review of conflicting visit submissions (issue 5, ADR 12): the same visit id arrived with different content, the
/// first version stands and both are kept. Leads and administrators resolve, auditors read. The stored visit is never
/// replaced by the rejected version: a submitted record is evidence, a correction is a new visit.
/// </summary>
public static class VisitConflictEndpoints
{
    private const string Base = "/api/capture/conflicts";
    private const string ProblemBase = "https://inspections.local/problems/";

    public static IEndpointRouteBuilder MapVisitConflictEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).WithTags("Capture");
        g.MapGet("/", ListAsync).WithName("VisitConflicts")
            .WithSummary("Conflicting submissions on visits of my jurisdictions (?status=open|resolved, ?page=), newest first.")
            .RequireAuthorization(AppPolicies.CaptureConflictRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("VisitConflict")
            .WithSummary("Both versions (canonical content, ID numbers masked) and their field-by-field differences; ETag for the resolution.")
            .RequireAuthorization(AppPolicies.CaptureConflictRead);
        g.MapPost("/{id:guid}/resolve", ResolveAsync).WithName("ResolveVisitConflict")
            .WithSummary("Resolve once with If-Match: KeepStored or Dismissed and a note (≤ 1000). 409 when already resolved; the stored visit is never replaced.")
            .RequireAuthorization(AppPolicies.CaptureConflictReview);
        return app;
    }

    public static async Task<Results<Ok<VisitConflictPage>, ValidationProblem>> ListAsync(
        VisitConflictReview review, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var listStatus = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => ConflictListStatus.Open,
            "resolved" => ConflictListStatus.Resolved,
            _ => (ConflictListStatus?)null,
        };
        if (listStatus is null)
        {
            errors["status"] = ["Use open or resolved."];
        }
        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }
        if (pageSize is < 1 or > VisitConflictReview.MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {VisitConflictReview.MaxPageSize}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await review.ListAsync(listStatus!.Value, page ?? 1, pageSize ?? 50, ct));
    }

    public static async Task<Results<Ok<VisitConflictDetails>, NotFound>> GetAsync(Guid id, VisitConflictReview review, HttpContext http, CancellationToken ct)
    {
        if (await review.GetAsync(id, ct) is not { } details)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    public static async Task<IResult> ResolveAsync(Guid id, ResolveConflictRequest? request, VisitConflictReview review, HttpContext http, CancellationToken ct)
    {
        var errors = Validate(request, out var decision);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The resolution has errors.");
        }
        var (present, version) = ETags.ReadIfMatch(http.Request);
        var (outcome, current) = await review.ResolveAsync(id, present, version, decision, request!.Note!, ct);
        switch (outcome)
        {
            case ResolveOutcome.NotFound:
                return TypedResults.NotFound();
            case ResolveOutcome.PreconditionRequired:
                return ETags.PreconditionRequired();
            case ResolveOutcome.AlreadyResolved:
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Type = ProblemBase + "conflict-already-resolved",
                    Title = "The conflict has already been resolved.",
                    Detail = "A resolution is final. Reload to see who resolved it and why.",
                    Extensions = { ["code"] = "conflict-already-resolved", ["currentETag"] = ETags.Format(current) },
                });
            case ResolveOutcome.Stale:
                return ETags.Stale(current);
        }
        var details = (await review.GetAsync(id, ct))!;
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    /// <summary>Field errors of a resolution (400); replacing the stored visit is named and refused.</summary>
    private static Dictionary<string, string[]> Validate(ResolveConflictRequest? r, out ConflictDecision decision)
    {
        decision = default;
        var errors = new Dictionary<string, string[]>();
        if (r is null)
        {
            errors["$"] = ["The body must be { decision, note }."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(r.Decision))
        {
            errors["decision"] = ["The decision is required: KeepStored or Dismissed."];
        }
        else if (!Enum.TryParse(r.Decision.Trim(), ignoreCase: false, out decision) || !Enum.IsDefined(decision) || int.TryParse(r.Decision, out _))
        {
            errors["decision"] = [r.Decision.Contains("Replace", StringComparison.OrdinalIgnoreCase) || r.Decision.Contains("Rejected", StringComparison.OrdinalIgnoreCase)
                ? "The stored visit cannot be replaced: a submitted record is evidence; record a correction as a new visit."
                : "Use KeepStored or Dismissed."];
        }
        var note = r.Note?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            errors["note"] = ["Explain the decision in a note."];
        }
        else if (note.Length > VisitConflict.NoteMaxLength)
        {
            errors["note"] = [$"At most {VisitConflict.NoteMaxLength} characters."];
        }
        return errors;
    }
}
