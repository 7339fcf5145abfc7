using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Inspections.Web.Registry;

public sealed class JurisdictionRequest
{
    [Required, StringLength(32, MinimumLength = 1)]
    public string? Code { get; set; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; set; }

    [Required]
    public JurisdictionLevel? Level { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>GeoJSON Polygon or MultiPolygon in WGS-84.</summary>
    public Geometry? Boundary { get; set; }
}

public sealed record JurisdictionDto(Guid Id, string Code, string Name, JurisdictionLevel Level, Guid? ParentId, Geometry? Boundary, uint Version);

public static class JurisdictionEndpoints
{
    public static IEndpointRouteBuilder MapJurisdictionEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/jurisdictions").WithTags("Jurisdictions");
        g.MapGet("/", ListAsync).WithName("ListJurisdictions").WithSummary("Streets and their communities; boundaries on request.")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/boundaries.geojson", BoundariesAsync).WithName("JurisdictionBoundaries").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetJurisdiction").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPost("/", CreateAsync).WithName("CreateJurisdiction").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        g.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateJurisdiction").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        g.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteJurisdiction").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        return app;
    }

    public static async Task<Ok<List<JurisdictionDto>>> ListAsync(InspectionsDbContext db, bool? includeBoundary, CancellationToken ct)
    {
        var rows = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Level).ThenBy(j => j.Code).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(j => ToDto(j, includeBoundary == true)).ToList());
    }

    public static async Task<Ok<FeatureCollection>> BoundariesAsync(InspectionsDbContext db, CancellationToken ct)
    {
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Boundary != null).OrderBy(j => j.Code).ToListAsync(ct);
        var fc = new FeatureCollection();
        foreach (var j in rows)
        {
            fc.Add(new Feature(j.Boundary, new AttributesTable
            {
                { "id", j.Id }, { "code", j.Code }, { "name", j.Name }, { "level", j.Level.ToString() }, { "parentId", j.ParentId },
            }));
        }
        return TypedResults.Ok(fc);
    }

    public static async Task<Results<Ok<JurisdictionDto>, NotFound>> GetAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var j = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (j is null)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, j.Version);
        return TypedResults.Ok(ToDto(j, true));
    }

    public static async Task<Results<Created<JurisdictionDto>, ValidationProblem>> CreateAsync(
        JurisdictionRequest request, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, null, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var j = new Jurisdiction(Guid.CreateVersion7(), request.Code!, request.Name!, request.Level!.Value, request.ParentId, AsMultiPolygon(request.Boundary));
        db.Jurisdictions.Add(j);
        await EntityWrites.SaveAsync(db, http, j, ct);
        return TypedResults.Created($"/api/jurisdictions/{j.Id}", ToDto(j, true));
    }

    public static async Task<Results<Ok<JurisdictionDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JurisdictionRequest request, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var j = await db.Jurisdictions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (j is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, j.Version) is { } precondition)
        {
            return precondition;
        }
        var errors = await ValidateAsync(request, id, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (request.Level != j.Level || request.ParentId != j.ParentId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["level"] = ["Level and parent cannot change; create a new jurisdiction instead."] });
        }
        j.Rename(request.Code!, request.Name!);
        j.Redraw(AsMultiPolygon(request.Boundary));
        j.Touch(DateTimeOffset.UtcNow);
        if (await EntityWrites.SaveAsync(db, http, j, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(ToDto(j, true));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var j = await db.Jurisdictions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (j is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, j.Version) is { } precondition)
        {
            return precondition;
        }
        var inUse = await db.Jurisdictions.AnyAsync(x => x.ParentId == id, ct)
                    || await db.Venues.AnyAsync(v => v.JurisdictionId == id, ct)
                    || await db.Officers.AnyAsync(o => o.JurisdictionId == id, ct)
                    || await db.Departments.AnyAsync(d => d.JurisdictionId == id, ct)
                    || await db.Users.AnyAsync(u => u.JurisdictionId == id, ct);
        if (inUse)
        {
            return TypedResults.Problem(title: "The jurisdiction is in use.", detail: "Move its communities, venues, officers, departments and accounts first.", statusCode: StatusCodes.Status409Conflict);
        }
        db.Jurisdictions.Remove(j);
        if (await EntityWrites.SaveAsync(db, http, j, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(JurisdictionRequest r, Guid? self, InspectionsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.Boundary is not null)
        {
            if (r.Boundary is not (Polygon or MultiPolygon))
            {
                errors["boundary"] = ["A boundary must be a Polygon or MultiPolygon."];
            }
            else if (r.Boundary.Coordinates.Any(c => Math.Abs(c.X) > 180 || Math.Abs(c.Y) > 90))
            {
                errors["boundary"] = ["Coordinates must be WGS-84 longitude/latitude."];
            }
            else if (!r.Boundary.IsValid)
            {
                errors["boundary"] = ["The boundary is not a valid polygon (self-intersecting or unclosed ring)."];
            }
        }
        if (r.Level == JurisdictionLevel.Community)
        {
            if (r.ParentId is null)
            {
                errors["parentId"] = ["A community needs its street (parentId)."];
            }
            else if (!await db.Jurisdictions.AnyAsync(j => j.Id == r.ParentId && j.Level == JurisdictionLevel.Street, ct))
            {
                errors["parentId"] = ["The parent must be an existing street."];
            }
        }
        else if (r.ParentId is not null)
        {
            errors["parentId"] = ["A street has no parent."];
        }
        if (r.Code is not null && await db.Jurisdictions.AnyAsync(j => j.Code == r.Code.Trim() && j.Id != self, ct))
        {
            errors["code"] = ["Another jurisdiction has this code."];
        }
        return errors;
    }

    private static MultiPolygon? AsMultiPolygon(Geometry? g) => g switch
    {
        null => null,
        MultiPolygon mp => Geo.EnsureWgs84(mp),
        Polygon p => Geo.Factory.CreateMultiPolygon([p]),
        _ => throw new DomainException("boundary.type", "A boundary must be a Polygon or MultiPolygon."),
    };

    private static JurisdictionDto ToDto(Jurisdiction j, bool withBoundary) =>
        new(j.Id, j.Code, j.Name, j.Level, j.ParentId, withBoundary ? j.Boundary : null, j.Version);
}
