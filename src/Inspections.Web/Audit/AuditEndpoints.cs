using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inspections.Web.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("Audit");
        g.MapGet("/", SearchAsync).WithName("SearchAudit").WithSummary("Who changed what, when, with the values before and after.");
        g.MapGet("/verify", VerifyAsync).WithName("VerifyAudit").WithSummary("Recomputes the hash chain; reports changed, missing or cut-off rows.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AuditRecord>>, ValidationProblem>> SearchAsync(
        AuditLog log, string? entityType, string? entityId, string? user, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct,
        int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > 500 || entityType is { Length: > 100 } || entityId is { Length: > 100 } || user is { Length: > 256 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = ["page ≥ 1, pageSize 1–500, filters at most 100 characters."] });
        }
        return TypedResults.Ok(await log.SearchAsync(new AuditQuery(entityType, entityId, user, from, to, page, pageSize), ct));
    }

    public static async Task<Ok<AuditVerification>> VerifyAsync(AuditLog log, CancellationToken ct) =>
        TypedResults.Ok(await log.VerifyAsync(ct));
}
