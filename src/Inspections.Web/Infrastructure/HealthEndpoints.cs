using Inspections.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inspections.Web.Infrastructure;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).WithTags("Health").AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> CheckAsync(InspectionsDbContext db, CancellationToken ct)
    {
        var ok = await db.Database.CanConnectAsync(ct);
        return ok
            ? TypedResults.Ok(new HealthReport("healthy"))
            : TypedResults.Problem("The database cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record HealthReport(string Status);
}
