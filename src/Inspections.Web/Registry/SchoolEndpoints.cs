using Inspections.Infrastructure.Common;
using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Registry;

public sealed class SchoolRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; set; }

    [Required]
    public SchoolKind? Kind { get; set; }

    [StringLength(200)]
    public string? Address { get; set; }

    [Required, Range(-180d, 180d)]
    public double? Longitude { get; set; }

    [Required, Range(-90d, 90d)]
    public double? Latitude { get; set; }
}

public sealed record SchoolDto(Guid Id, string Name, SchoolKind Kind, string Address, double Longitude, double Latitude, Guid? JurisdictionId, uint Version)
{
    public static SchoolDto From(School s) => new(s.Id, s.Name, s.Kind, s.Address, s.Location.X, s.Location.Y, s.JurisdictionId, s.Version);
}

public static class SchoolEndpoints
{
    public static IEndpointRouteBuilder MapSchoolEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/schools").WithTags("Schools");
        g.MapGet("/", ListAsync).WithName("ListSchools").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetSchool").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPost("/", CreateAsync).WithName("CreateSchool").WithSummary("Adds a school and re-derives nearby venues' distance facts.")
            .RequireAuthorization(AppPolicies.SchoolWrite);
        g.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateSchool").RequireAuthorization(AppPolicies.SchoolWrite);
        g.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSchool").RequireAuthorization(AppPolicies.SchoolWrite);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<SchoolDto>>, ValidationProblem>> ListAsync(
        InspectionsDbContext db, string? q, SchoolKind? kind, Guid? jurisdictionId, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > 500 || q is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paging"] = ["page ≥ 1, pageSize 1–500, q ≤ 100 characters."] });
        }
        var query = db.Schools.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern, "\\") || EF.Functions.ILike(s.Address, pattern, "\\"));
        }
        if (kind is not null)
        {
            query = query.Where(s => s.Kind == kind);
        }
        if (jurisdictionId is not null)
        {
            var scope = db.Jurisdictions.Where(j => j.Id == jurisdictionId || j.ParentId == jurisdictionId).Select(j => (Guid?)j.Id);
            query = query.Where(s => scope.Contains(s.JurisdictionId));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<SchoolDto>(rows.Select(SchoolDto.From).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<SchoolDto>, NotFound>> GetAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var s = await db.Schools.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, s.Version);
        return TypedResults.Ok(SchoolDto.From(s));
    }

    public static async Task<Results<Created<SchoolDto>, ProblemHttpResult>> CreateAsync(
        SchoolRequest r, InspectionsDbContext db, SpatialFacts spatial, HttpContext http, CancellationToken ct)
    {
        var s = new School(Guid.CreateVersion7(), r.Name!, r.Kind!.Value, r.Address ?? string.Empty, Geo.Point(r.Longitude!.Value, r.Latitude!.Value));
        s.AssignJurisdiction((await spatial.CommunitiesContainingAsync(s.Location.X, s.Location.Y, ct)).Cast<Guid?>().FirstOrDefault());
        if (!db.Scope.Covers(s.JurisdictionId))
        {
            return EntityWrites.OutOfJurisdiction("location", "The point lies outside your jurisdiction.");
        }
        db.Schools.Add(s);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await spatial.RefreshAroundSchoolAsync(s.Id, s.Location.X, s.Location.Y, ct);
        await tx.CommitAsync(ct);
        ETags.Set(http, s.Version);
        return TypedResults.Created($"/api/schools/{s.Id}", SchoolDto.From(s));
    }

    public static async Task<Results<Ok<SchoolDto>, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, SchoolRequest r, InspectionsDbContext db, SpatialFacts spatial, HttpContext http, CancellationToken ct)
    {
        var s = await db.Schools.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, s.Version) is { } precondition)
        {
            return precondition;
        }
        s.Update(r.Name!, r.Kind!.Value, r.Address ?? string.Empty, Geo.Point(r.Longitude!.Value, r.Latitude!.Value));
        s.AssignJurisdiction((await spatial.CommunitiesContainingAsync(s.Location.X, s.Location.Y, ct)).Cast<Guid?>().FirstOrDefault());
        if (!db.Scope.Covers(s.JurisdictionId))
        {
            return EntityWrites.OutOfJurisdiction("location", "The point lies outside your jurisdiction.");
        }
        s.Touch(DateTimeOffset.UtcNow);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await EntityWrites.SaveAsync(db, http, s, ct) is { } conflict)
        {
            return conflict;
        }
        await spatial.RefreshAroundSchoolAsync(s.Id, s.Location.X, s.Location.Y, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(SchoolDto.From(s));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, InspectionsDbContext db, SpatialFacts spatial, HttpContext http, CancellationToken ct)
    {
        var s = await db.Schools.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, s.Version) is { } precondition)
        {
            return precondition;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var affected = await db.Venues.Where(v => v.NearestSchoolId == id).Select(v => v.Id).ToListAsync(ct);
        db.Schools.Remove(s);
        if (await EntityWrites.SaveAsync(db, http, s, ct) is { } conflict)
        {
            return conflict;
        }
        if (affected.Count > 0)
        {
            await spatial.RefreshVenuesAsync(affected, ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
