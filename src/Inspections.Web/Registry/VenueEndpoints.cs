using System.Globalization;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Registry;

/// <summary>
/// Venues. Everyone reads the venues of their own jurisdiction (officers: their street — officers have no
/// assignments yet); leads and officers register and edit them there (officers in the field), only leads and
/// administrators delete. A save that would file a venue outside the user's jurisdiction is refused with 422.
/// </summary>
public static class VenueEndpoints
{
    public const string OverrideRequiredType = "https://inspections.local/problems/override-required";

    public static IEndpointRouteBuilder MapVenueEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/venues").WithTags("Venues");
        g.MapGet("/", SearchAsync).WithName("SearchVenues").WithSummary("Search venues by text, type, status, risk, jurisdiction, bounding box or distance.")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetVenue").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}/legal-representative-id", RevealLegalRepresentativeIdAsync).WithName("RevealVenueLegalRepresentativeId")
            .WithSummary("The legal representative's full resident ID number; the access is written to the audit trail.")
            .RequireAuthorization(AppPolicies.ResidentIdReveal);
        g.MapPost("/check", CheckAsync).WithName("CheckVenue").WithSummary("Dry run: the warnings a save would raise.")
            .RequireAuthorization(AppPolicies.VenueWrite);
        g.MapPost("/", CreateAsync).WithName("CreateVenue").RequireAuthorization(AppPolicies.VenueWrite);
        g.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateVenue").WithSummary("Update with If-Match; warnings need overrides with reasons.")
            .RequireAuthorization(AppPolicies.VenueWrite);
        g.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteVenue").RequireAuthorization(AppPolicies.VenueDelete);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<VenueListItem>>, ValidationProblem>> SearchAsync(
        VenueQueries queries,
        [FromQuery(Name = "q")] string? text,
        [FromQuery(Name = "type")] VenueType[]? types,
        [FromQuery(Name = "status")] VenueStatus[]? statuses,
        [FromQuery(Name = "risk")] RiskClass[]? risks,
        Guid? jurisdictionId,
        bool? breach,
        string? bbox,
        string? near,
        double? within,
        string? sort,
        bool? desc,
        CancellationToken ct,
        int page = 1,
        int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (text is { Length: > 100 })
        {
            errors["q"] = ["At most 100 characters."];
        }
        if (page < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }
        if (pageSize is < 1 or > VenueQueries.MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {VenueQueries.MaxPageSize}."];
        }
        var box = ParseNumbers(bbox, 4, "bbox", "minLon,minLat,maxLon,maxLat", errors);
        if (box is not null && (box[0] > box[2] || box[1] > box[3] || box.Any(v => Math.Abs(v) > 180) || Math.Abs(box[1]) > 90 || Math.Abs(box[3]) > 90))
        {
            errors["bbox"] = ["Give minLon,minLat,maxLon,maxLat in WGS-84 with min ≤ max."];
        }
        var point = ParseNumbers(near, 2, "near", "lon,lat", errors);
        if (point is not null && (Math.Abs(point[0]) > 180 || Math.Abs(point[1]) > 90))
        {
            errors["near"] = ["Longitude must be within ±180 and latitude within ±90."];
        }
        if (within is not null && (!double.IsFinite(within.Value) || within <= 0 || within > 100_000))
        {
            errors["within"] = ["A radius in metres between 0 and 100000."];
        }
        if (within is not null && point is null)
        {
            errors["near"] = ["'within' needs a point: near=lon,lat."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await queries.SearchAsync(new VenueSearch
        {
            Text = text,
            Types = types,
            Statuses = statuses,
            RiskClasses = risks,
            JurisdictionId = jurisdictionId,
            BreachesDistanceRule = breach,
            BoundingBox = box,
            NearLongitude = point?[0],
            NearLatitude = point?[1],
            WithinMetres = within,
            Page = page,
            PageSize = pageSize,
            SortBy = sort,
            Descending = desc ?? false,
        }, ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<VenueDto>, NotFound>> GetAsync(Guid id, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var venue = await db.Venues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (venue is null)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, venue.Version);
        return TypedResults.Ok(VenueDto.From(venue));
    }

    public static async Task<Results<Ok<ResidentIdDto>, NotFound>> RevealLegalRepresentativeIdAsync(
        Guid id, InspectionsDbContext db, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var number = await db.Venues.AsNoTracking().Where(v => v.Id == id).Select(v => v.LegalRepresentativeIdNumber).SingleOrDefaultAsync(ct);
        if (number is null)
        {
            return TypedResults.NotFound();
        }
        await audit.RecordRevealAsync(nameof(Venue), id, nameof(Venue.LegalRepresentativeIdNumber), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ResidentIdDto(number));
    }

    public static async Task<Ok<VenueCheckResult>> CheckAsync(VenueRequest request, Guid? excludeId, VenueRegistry registry, CancellationToken ct)
    {
        var warnings = await registry.CheckAsync(request.ToDetails(), excludeId, ct);
        return TypedResults.Ok(new VenueCheckResult(warnings));
    }

    public static async Task<Results<Created<VenueDto>, ProblemHttpResult>> CreateAsync(
        VenueRequest request, VenueRegistry registry, HttpContext http, CancellationToken ct)
    {
        var outcome = await registry.CreateAsync(request.ToDetails(), request.OverrideInputs(), ct);
        switch (outcome)
        {
            case VenueSaveOutcome.Saved saved:
                ETags.Set(http, saved.Venue.Version);
                return TypedResults.Created($"/api/venues/{saved.Venue.Id}", VenueDto.From(saved.Venue));
            case VenueSaveOutcome.NeedsOverride needs:
                return OverrideRequired(needs.Warnings);
            case VenueSaveOutcome.OutOfScope refused:
                return EntityWrites.OutOfJurisdiction(refused.Field, refused.Message);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}.");
        }
    }

    public static async Task<Results<Ok<VenueDto>, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, VenueRequest request, VenueRegistry registry, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        var current = await db.Venues.AsNoTracking().Where(v => v.Id == id)
            .Select(v => new { v.Version, v.LegalRepresentativeIdNumber }).SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }
        if (version is null)
        {
            return ETags.Stale(current.Version);
        }
        var outcome = await registry.UpdateAsync(id, version.Value, request.ToDetails(current.LegalRepresentativeIdNumber), request.OverrideInputs(), ct);
        switch (outcome)
        {
            case VenueSaveOutcome.Saved saved:
                ETags.Set(http, saved.Venue.Version);
                return TypedResults.Ok(VenueDto.From(saved.Venue));
            case VenueSaveOutcome.NeedsOverride needs:
                return OverrideRequired(needs.Warnings);
            case VenueSaveOutcome.Conflict conflict:
                return ETags.Stale(conflict.CurrentVersion);
            case VenueSaveOutcome.OutOfScope refused:
                return EntityWrites.OutOfJurisdiction(refused.Field, refused.Message);
            default:
                return TypedResults.NotFound();
        }
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, VenueRegistry registry, InspectionsDbContext db, HttpContext http, CancellationToken ct)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        var deleted = await registry.DeleteAsync(id, version ?? 0, ct);
        if (deleted is null)
        {
            return TypedResults.NotFound();
        }
        if (deleted == false)
        {
            var current = await db.Venues.AsNoTracking().Where(v => v.Id == id).Select(v => v.Version).SingleAsync(ct);
            return ETags.Stale(current);
        }
        return TypedResults.NoContent();
    }

    public static ProblemHttpResult OverrideRequired(IReadOnlyList<ValidationWarning> warnings) => TypedResults.Problem(
        title: "Warnings need an override with a reason.",
        detail: "Nothing was saved. Resubmit with an override (code and reason) for each warning, or correct the data.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        type: OverrideRequiredType,
        extensions: new Dictionary<string, object?> { ["warnings"] = warnings });

    private static double[]? ParseNumbers(string? raw, int count, string field, string shape, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var parts = raw.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        if (parts.Length != count || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok)
            || values.Any(v => !double.IsFinite(v)))
        {
            errors[field] = [$"Expected {shape}."];
            return null;
        }
        return values;
    }
}
