using Inspections.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Infrastructure;

/// <summary>If-Match checks and concurrency-safe saves shared by the registry endpoints.</summary>
public static class EntityWrites
{
    /// <summary>Null when the request's If-Match names the current version; otherwise the 428/412 answer.</summary>
    public static ProblemHttpResult? CheckIfMatch(HttpRequest request, uint currentVersion)
    {
        var (present, version) = ETags.ReadIfMatch(request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        return version == currentVersion ? null : ETags.Stale(currentVersion);
    }

    public const string OutOfJurisdictionType = "https://inspections.local/problems/out-of-jurisdiction";

    /// <summary>
    /// 422 for a write that would create, move or change a record outside the user's jurisdiction. The same answer
    /// whether or not the target exists elsewhere, so nothing leaks about other jurisdictions.
    /// </summary>
    public static ProblemHttpResult OutOfJurisdiction(string field, string message = "This is outside your jurisdiction.") => TypedResults.Problem(
        new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Outside your jurisdiction.",
            Detail = "You can only create or change records in your own street or community. Nothing was changed.",
            Type = OutOfJurisdictionType,
        });

    /// <summary>Saves; a concurrent change between read and write becomes 412 and nothing is written.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(DbContext db, HttpContext http, Entity entity, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ETags.Stale(0);
        }
        if (db.Entry(entity).State != EntityState.Detached)
        {
            ETags.Set(http, entity.Version);
        }
        return null;
    }
}
