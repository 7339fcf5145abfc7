using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Registry;

public sealed class DepartmentRequest
{
    [Required, StringLength(32, MinimumLength = 1)]
    public string? Code { get; set; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; set; }

    [Required, StringLength(20, MinimumLength = 1)]
    public string? ShortName { get; set; }

    [Required]
    public DepartmentKind? Kind { get; set; }

    [Required]
    public Guid? JurisdictionId { get; set; }
}

public sealed record DepartmentDto(Guid Id, string Code, string Name, string ShortName, DepartmentKind Kind, Guid JurisdictionId, uint Version)
{
    public static DepartmentDto From(Department d) => new(d.Id, d.Code, d.Name, d.ShortName, d.Kind, d.JurisdictionId, d.Version);
}

public static class DepartmentEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/departments").WithTags("Departments");
        g.MapGet("/", ListAsync).WithName("ListDepartments").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetDepartment").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPost("/", CreateAsync).WithName("CreateDepartment").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        g.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateDepartment").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        g.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteDepartment").RequireAuthorization(AppPolicies.ReferenceDataWrite);
        return app;
    }

    public static async Task<Ok<List<DepartmentDto>>> ListAsync(InspectionsDbContext db, DepartmentKind? kind, CancellationToken ct)
    {
        var q = db.Departments.AsNoTracking();
        if (kind is not null)
        {
            q = q.Where(d => d.Kind == kind);
        }
        var rows = await q.OrderBy(d => d.Kind).ThenBy(d => d.Code).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(DepartmentDto.From).ToList());
    }

    public static async Task<Results<Ok<DepartmentDto>, NotFound>> GetAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var d = await db.Departments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, d.Version);
        return TypedResults.Ok(DepartmentDto.From(d));
    }

    public static async Task<Results<Created<DepartmentDto>, ValidationProblem>> CreateAsync(
        DepartmentRequest r, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = await ValidateAsync(r, null, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var d = new Department(Guid.CreateVersion7(), r.Code!, r.Name!, r.ShortName!, r.Kind!.Value, r.JurisdictionId!.Value);
        db.Departments.Add(d);
        await EntityWrites.SaveAsync(db, http, d, ct);
        return TypedResults.Created($"/api/departments/{d.Id}", DepartmentDto.From(d));
    }

    public static async Task<Results<Ok<DepartmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, DepartmentRequest r, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var d = await db.Departments.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, d.Version) is { } precondition)
        {
            return precondition;
        }
        var errors = await ValidateAsync(r, id, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        d.Update(r.Code!, r.Name!, r.ShortName!, r.Kind!.Value);
        d.Touch(DateTimeOffset.UtcNow);
        if (await EntityWrites.SaveAsync(db, http, d, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(DepartmentDto.From(d));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var d = await db.Departments.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return TypedResults.NotFound();
        }
        if (EntityWrites.CheckIfMatch(http.Request, d.Version) is { } precondition)
        {
            return precondition;
        }
        if (await db.Officers.AnyAsync(o => o.DepartmentId == id, ct))
        {
            return TypedResults.Problem(title: "The department has officers.", detail: "Move or remove its officers first.", statusCode: StatusCodes.Status409Conflict);
        }
        db.Departments.Remove(d);
        if (await EntityWrites.SaveAsync(db, http, d, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(DepartmentRequest r, Guid? self, InspectionsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!db.Scope.Covers(r.JurisdictionId) || !await db.Jurisdictions.AnyAsync(j => j.Id == r.JurisdictionId, ct))
        {
            errors["jurisdictionId"] = ["No such jurisdiction."];
        }
        if (r.Code is not null && await db.Departments.AnyAsync(d => d.Code == r.Code.Trim() && d.Id != self, ct))
        {
            errors["code"] = ["Another department has this code."];
        }
        return errors;
    }
}
