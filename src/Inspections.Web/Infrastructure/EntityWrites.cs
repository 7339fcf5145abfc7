using Inspections.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
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
