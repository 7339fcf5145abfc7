using System.ComponentModel.DataAnnotations;
using System.Text;
using Inspections.Domain.Common;
using Inspections.Infrastructure.Registry;
using Inspections.Infrastructure.Registry.Import;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Registry;

public sealed class VenueImportCommitRequest
{
    [Required]
    public ImportCommitMode? Mode { get; set; }

    /// <summary>Required for All when rows have warnings; stored as the override of each warning.</summary>
    [StringLength(VenueImport.OverrideReasonMaxLength)]
    public string? OverrideReason { get; set; }
}

/// <summary>Bulk import of venues: upload → background dry run → per-row report → commit (all or valid rows only).</summary>
public static class VenueImportEndpoints
{
    private const string Base = "/api/venue-imports";

    /// <summary>Room for the multipart envelope around a file of the maximum size.</summary>
    private const long MaxRequestBytes = VenueImportService.MaxFileBytes + (1024 * 1024);

    public static IEndpointRouteBuilder MapVenueImportEndpoints(this IEndpointRouteBuilder app)
    {
        // Import is for leads and administrators; each sees only the imports of their jurisdiction.
        var g = app.MapGroup(Base).WithTags("VenueImports").RequireAuthorization(AppPolicies.ImportVenues);
        g.MapPost("/", StartAsync)
            .WithName("StartVenueImport")
            .WithSummary("Upload a CSV, XLSX or GeoJSON file (form field 'file', optional 'defaultJurisdictionId'); the dry run starts in the background.")
            // An API upload for scripts and clients (the import page calls the service in-process). The SameSite=Lax
            // sign-in cookie is not sent with a cross-site POST, so a forged form cannot use a signed-in session.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/template.csv", Template).WithName("VenueImportTemplate").WithSummary("The column template (UTF-8 with BOM).");
        g.MapGet("/{id:guid}", GetAsync).WithName("GetVenueImport").WithSummary("Status, progress and counts; poll while Queued, Analysing or Importing.");
        g.MapGet("/{id:guid}/rows", GetRowsAsync).WithName("GetVenueImportRows").WithSummary("The dry-run report, row by row, optionally of one status.");
        g.MapPost("/{id:guid}/commit", CommitAsync)
            .WithName("CommitVenueImport")
            .WithSummary("Import all rows (warnings overridden with a reason) or only the valid rows, in one transaction.");
        return app;
    }

    public static async Task<Results<Accepted<ImportSummary>, ProblemHttpResult>> StartAsync(
        IFormFile file, [FromForm] Guid? defaultJurisdictionId, VenueImportService imports, CancellationToken ct)
    {
        if (file.Length > VenueImportService.MaxFileBytes)
        {
            return TooLarge();
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var summary = await imports.StartAsync(stream, file.FileName, defaultJurisdictionId, ct);
            return TypedResults.Accepted($"{Base}/{summary.Id}", summary);
        }
        catch (DomainException e) when (e.Code == VenueImportService.TooLargeCode)
        {
            return TooLarge();
        }
        catch (DomainException e) when (e.Code == VenueImportService.FormatCode)
        {
            return TypedResults.Problem(
                title: "Unsupported file type.",
                detail: e.Message,
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
        catch (DomainException e)
        {
            return Unprocessable(e);
        }
    }

    public static async Task<Results<Ok<ImportSummary>, NotFound>> GetAsync(Guid id, VenueImportService imports, CancellationToken ct) =>
        await imports.GetAsync(id, ct) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound();

    public static async Task<Results<Ok<PagedResult<ImportRowReport>>, NotFound, ValidationProblem>> GetRowsAsync(
        Guid id, ImportRowStatus? status, VenueImportService imports, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }
        if (pageSize is < 1 or > VenueImportService.MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {VenueImportService.MaxPageSize}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return await imports.GetRowsAsync(id, status, page, pageSize, ct) is { } rows ? TypedResults.Ok(rows) : TypedResults.NotFound();
    }

    public static async Task<Results<Accepted<ImportSummary>, NotFound, ProblemHttpResult>> CommitAsync(
        Guid id, VenueImportCommitRequest request, VenueImportService imports, CancellationToken ct)
    {
        try
        {
            var summary = await imports.CommitAsync(id, request.Mode!.Value, request.OverrideReason, ct);
            return summary is null ? TypedResults.NotFound() : TypedResults.Accepted($"{Base}/{id}", summary);
        }
        catch (DomainException e) when (e.Code == VenueImportService.NotAnalysedCode)
        {
            return TypedResults.Problem(
                title: "The import cannot be committed now.",
                detail: e.Message,
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
        catch (DomainException e)
        {
            return Unprocessable(e);
        }
    }

    public static FileContentHttpResult Template() =>
        TypedResults.File(
            [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(VenueImportService.TemplateCsv())],
            "text/csv; charset=utf-8",
            "venue-import-template.csv");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        title: "The file is too large.",
        detail: $"Files up to {VenueImportService.MaxFileBytes / (1024 * 1024)} MB can be imported. Split the file into several.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["code"] = VenueImportService.TooLargeCode });

    /// <summary>The same shape as the global DomainException answer: 422 with the field's message and the code.</summary>
    private static ProblemHttpResult Unprocessable(DomainException e) => TypedResults.Problem(
        new ValidationProblemDetails(new Dictionary<string, string[]> { [ProblemDetailsExceptionHandler.FieldOf(e.Code)] = [e.Message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request breaks a business rule.",
            Type = "https://inspections.local/problems/domain",
            Extensions = { ["code"] = e.Code },
        });
}
