using Inspections.Infrastructure.Common;
using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Registry;

public sealed class OfficerRequest
{
    [Required, StringLength(50, MinimumLength = 1)]
    public string? Name { get; set; }

    [Required]
    public Guid? DepartmentId { get; set; }

    [Required, StringLength(32, MinimumLength = 1)]
    public string? EnforcementIdNumber { get; set; }

    [Required]
    public Guid? JurisdictionId { get; set; }

    public OfficerStatus? Status { get; set; }

    [StringLength(32)]
    public string? Phone { get; set; }

    /// <summary>Full number to set it; the masked value sent back unchanged keeps the stored one.</summary>
    [StringLength(18)]
    public string? ResidentIdNumber { get; set; }
}

public sealed record OfficerDto(
    Guid Id, string Name, Guid DepartmentId, string? DepartmentName, string EnforcementIdNumber, Guid JurisdictionId,
    OfficerStatus Status, string? Phone, string? ResidentIdNumber, uint Version)
{
    public static OfficerDto From(Officer o, string? departmentName) => new(
        o.Id, o.Name, o.DepartmentId, departmentName, o.EnforcementIdNumber, o.JurisdictionId, o.Status, o.Phone,
        o.ResidentIdNumber is null ? null : ResidentId.Mask(o.ResidentIdNumber), o.Version);
}

public sealed record ResidentIdDto(string ResidentIdNumber);

/// <summary>
/// Officers. Leads manage the officers of their own street or community; a community lead also reads its street's
/// officers but cannot change them. Resident ID numbers are masked everywhere; the reveal endpoint is audited.
/// </summary>
public static class OfficerEndpoints
{
    public static IEndpointRouteBuilder MapOfficerEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/officers").WithTags("Officers");
        g.MapGet("/", ListAsync).WithName("ListOfficers").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetOfficer").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}/resident-id", RevealResidentIdAsync).WithName("RevealOfficerResidentId")
            .WithSummary("The full resident ID number; the access is written to the audit trail.")
            .RequireAuthorization(AppPolicies.ResidentIdReveal);
        g.MapPost("/", CreateAsync).WithName("CreateOfficer").RequireAuthorization(AppPolicies.OfficerWrite);
        g.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateOfficer").RequireAuthorization(AppPolicies.OfficerWrite);
        g.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteOfficer").RequireAuthorization(AppPolicies.OfficerWrite);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<OfficerDto>>, ValidationProblem>> ListAsync(
        InspectionsDbContext db, string? q, Guid? departmentId, Guid? jurisdictionId, OfficerStatus? status, CancellationToken ct,
        int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > 500 || q is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paging"] = ["page ≥ 1, pageSize 1–500, q ≤ 100 characters."] });
        }
        var query = db.Officers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(o => EF.Functions.ILike(o.Name, pattern, "\\") || EF.Functions.ILike(o.EnforcementIdNumber, pattern, "\\"));
        }
        if (departmentId is not null)
        {
            query = query.Where(o => o.DepartmentId == departmentId);
        }
        if (jurisdictionId is not null)
        {
            var scope = db.Jurisdictions.Where(j => j.Id == jurisdictionId || j.ParentId == jurisdictionId).Select(j => j.Id);
            query = query.Where(o => scope.Contains(o.JurisdictionId));
        }
        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(o => new { Officer = o, Department = db.Departments.Where(d => d.Id == o.DepartmentId).Select(d => d.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<OfficerDto>(rows.Select(r => OfficerDto.From(r.Officer, r.Department)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<OfficerDto>, NotFound>> GetAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var o = await db.Officers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, o.Version);
        return TypedResults.Ok(OfficerDto.From(o, await DepartmentName(db, o.DepartmentId, ct)));
    }

    public static async Task<Results<Ok<ResidentIdDto>, NotFound>> RevealResidentIdAsync(
        Guid id, InspectionsDbContext db, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var number = await db.Officers.AsNoTracking().Where(o => o.Id == id).Select(o => o.ResidentIdNumber).SingleOrDefaultAsync(ct);
        if (number is null)
        {
            return TypedResults.NotFound();
        }
        await audit.RecordRevealAsync(nameof(Officer), id, nameof(Officer.ResidentIdNumber), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ResidentIdDto(number));
    }

    public static async Task<Results<Created<OfficerDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(OfficerRequest r, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!db.Scope.Covers(r.JurisdictionId))
        {
            return EntityWrites.OutOfJurisdiction("jurisdictionId");
        }
        var errors = await ValidateAsync(r, null, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var o = new Officer(Guid.CreateVersion7(), r.Name!, r.DepartmentId!.Value, r.EnforcementIdNumber!, r.JurisdictionId!.Value);
        o.Update(r.Name!, r.DepartmentId.Value, r.EnforcementIdNumber!, r.JurisdictionId.Value, r.Status ?? OfficerStatus.Active, r.Phone);
        o.SetResidentIdNumber(r.ResidentIdNumber);
        db.Officers.Add(o);
        await EntityWrites.SaveAsync(db, http, o, ct);
        return TypedResults.Created($"/api/officers/{o.Id}", OfficerDto.From(o, await DepartmentName(db, o.DepartmentId, ct)));
    }

    public static async Task<Results<Ok<OfficerDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, OfficerRequest r, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var o = await db.Officers.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return TypedResults.NotFound();
        }
        if (!db.Scope.Covers(o.JurisdictionId) || !db.Scope.Covers(r.JurisdictionId))
        {
            return EntityWrites.OutOfJurisdiction("jurisdictionId");
        }
        if (EntityWrites.CheckIfMatch(http.Request, o.Version) is { } precondition)
        {
            return precondition;
        }
        var errors = await ValidateAsync(r, id, db, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        o.Update(r.Name!, r.DepartmentId!.Value, r.EnforcementIdNumber!, r.JurisdictionId!.Value, r.Status ?? o.Status, r.Phone);
        if (r.ResidentIdNumber is null || !r.ResidentIdNumber.Contains('*', StringComparison.Ordinal))
        {
            o.SetResidentIdNumber(r.ResidentIdNumber);
        }
        else if (r.ResidentIdNumber != ResidentId.Mask(o.ResidentIdNumber))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["residentIdNumber"] = ["Enter the full number or leave the masked value unchanged."] });
        }
        o.Touch(DateTimeOffset.UtcNow);
        if (await EntityWrites.SaveAsync(db, http, o, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(OfficerDto.From(o, await DepartmentName(db, o.DepartmentId, ct)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var o = await db.Officers.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return TypedResults.NotFound();
        }
        if (!db.Scope.Covers(o.JurisdictionId))
        {
            return EntityWrites.OutOfJurisdiction("jurisdictionId");
        }
        if (EntityWrites.CheckIfMatch(http.Request, o.Version) is { } precondition)
        {
            return precondition;
        }
        db.Officers.Remove(o);
        if (await EntityWrites.SaveAsync(db, http, o, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.NoContent();
    }

    private static Task<string?> DepartmentName(InspectionsDbContext db, Guid id, CancellationToken ct) =>
        db.Departments.Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(ct);

    private static async Task<Dictionary<string, string[]>> ValidateAsync(OfficerRequest r, Guid? self, InspectionsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Departments.AnyAsync(d => d.Id == r.DepartmentId, ct))
        {
            errors["departmentId"] = ["No such department."];
        }
        if (!await db.Jurisdictions.AnyAsync(j => j.Id == r.JurisdictionId, ct))
        {
            errors["jurisdictionId"] = ["No such jurisdiction."];
        }
        if (r.EnforcementIdNumber is not null && await db.Officers.AnyAsync(o => o.EnforcementIdNumber == r.EnforcementIdNumber.Trim() && o.Id != self, ct))
        {
            errors["enforcementIdNumber"] = ["Another officer has this enforcement ID number."];
        }
        if (!string.IsNullOrWhiteSpace(r.ResidentIdNumber) && !r.ResidentIdNumber.Contains('*', StringComparison.Ordinal) && !ResidentId.IsValid(r.ResidentIdNumber))
        {
            errors["residentIdNumber"] = ["The resident ID number fails the GB 11643 check."];
        }
        return errors;
    }
}
