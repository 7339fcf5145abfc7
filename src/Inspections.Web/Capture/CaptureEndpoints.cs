using Inspections.Capture.Contracts;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Capture;

/// <summary>Administrator's new version of a pack: the version it edits (stale → 409) and the full item list.</summary>
public sealed record ChecklistPackEdit(int BasedOnVersion, string TitleZh, string TitleEn, IReadOnlyList<ChecklistItemFile> Items);

/// <summary>The tablet capture API (issue 5, ADR 12): bootstrap, today, venues, photos, idempotent visit sync; pack administration.</summary>
public static class CaptureEndpoints
{
    private const string Base = "/api/capture";
    private const string ProblemBase = "https://inspections.local/problems/";

    public static IEndpointRouteBuilder MapCaptureEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).WithTags("Capture");
        g.MapGet("/bootstrap", BootstrapAsync).WithName("CaptureBootstrap")
            .WithSummary("Who I am, my street's officers, the current checklist packs and the capture settings.")
            .RequireAuthorization(AppPolicies.CaptureSubmit);
        g.MapGet("/today", TodayAsync).WithName("CaptureToday")
            .WithSummary("My visits of the day: stops of approved plans whose team includes me, and re-inspections due.")
            .RequireAuthorization(AppPolicies.CaptureSubmit);
        g.MapGet("/venues", VenuesAsync).WithName("CaptureVenues")
            .WithSummary("Venue search for ad-hoc visits, with each venue's last findings and open notices.")
            .RequireAuthorization(AppPolicies.CaptureSubmit);
        g.MapPut("/photos/{sha256}", PutPhotoAsync).WithName("CapturePutPhoto")
            .WithSummary("Upload a photo or signature (JPEG, PNG or WebP) under its SHA-256; idempotent; 400 when the bytes do not hash to it.")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024 * 1024))
            .RequireAuthorization(AppPolicies.CaptureSubmit);
        g.MapGet("/photos/{sha256}", GetPhotoAsync).WithName("CaptureGetPhoto")
            .WithSummary("A photo or signature of a visit the user may read.")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPut("/visits/{id:guid}", PutVisitAsync).WithName("CapturePutVisit")
            .WithSummary("Submit a visit under the tablet's UUID: 201 new, 200 same content again, 409 different content (kept), 422 missing-photos, 400 field errors.")
            .WithMetadata(new RequestSizeLimitAttribute(2 * 1024 * 1024), new SecurityDependencyInjection.ResolvesUserScopeItself())
            .RequireAuthorization(AppPolicies.CaptureSubmit);
        g.MapGet("/visits/{id:guid}", GetVisitAsync).WithName("CaptureGetVisit")
            .WithSummary("The receipt and the full record of a visit (ID numbers masked).")
            .RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/visits", ListVisitsAsync).WithName("CaptureListVisits")
            .WithSummary("A venue's visits, newest first.")
            .RequireAuthorization(AppPolicies.RegistryRead);

        var packs = app.MapGroup(Base + "/packs").WithTags("Capture");
        packs.MapGet("/", ListPacksAsync).WithName("ChecklistPacks")
            .WithSummary("Current pack of every venue type, or all versions of one (?venueType=).")
            .RequireAuthorization(AppPolicies.ChecklistAdmin);
        packs.MapGet("/{id:guid}", GetPackAsync).WithName("ChecklistPack").RequireAuthorization(AppPolicies.ChecklistAdmin);
        packs.MapPut("/{venueType}", PublishPackAsync).WithName("PublishChecklistPack")
            .WithSummary("Publish the next version of a venue type's pack (old visits keep theirs); 409 when basedOnVersion is not the current one.")
            .RequireAuthorization(AppPolicies.ChecklistAdmin);
        return app;
    }

    public static async Task<Ok<CaptureBootstrap>> BootstrapAsync(CaptureQueries q, CancellationToken ct) => TypedResults.Ok(await q.BootstrapAsync(ct));

    public static async Task<Results<Ok<IReadOnlyList<Assignment>>, ValidationProblem>> TodayAsync(CaptureQueries q, TimeProvider clock, string? date, CancellationToken ct)
    {
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date))
        {
            day = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Use yyyy-MM-dd."] });
        }
        return TypedResults.Ok(await q.TodayAsync(day, ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<VenueCard>>, ValidationProblem>> VenuesAsync(CaptureQueries q, string? search, CancellationToken ct)
    {
        if (search is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["search"] = ["At most 100 characters."] });
        }
        return TypedResults.Ok(await q.SearchVenuesAsync(search, ct));
    }

    public static async Task<IResult> PutPhotoAsync(string sha256, HttpRequest request, PhotoStore store, CancellationToken ct)
    {
        var result = await store.SaveAsync(sha256, request.Body, ct);
        return result.Error switch
        {
            PhotoUploadError.None => TypedResults.Ok(new PhotoReceipt(result.Blob!.Sha256, result.Blob.Bytes, result.Blob.Width, result.Blob.Height)),
            PhotoUploadError.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "photo-too-large", "The photo is too large.", "body", "The file exceeds Capture:PhotoMaxBytes."),
            PhotoUploadError.BadHash => Problem(StatusCodes.Status400BadRequest, "bad-hash", "The photo address is not a SHA-256.", "sha256", "64 hexadecimal characters expected."),
            PhotoUploadError.HashMismatch => Problem(StatusCodes.Status400BadRequest, "hash-mismatch", "The bytes do not hash to the address.", "sha256", "SHA-256 of the body differs from the address."),
            PhotoUploadError.NotAnImage => Problem(StatusCodes.Status400BadRequest, "not-an-image", "Only JPEG, PNG and WebP are accepted.", "body", "Not a JPEG, PNG or WebP image."),
            PhotoUploadError.TooManyPixels => Problem(StatusCodes.Status400BadRequest, "photo-too-big", "The image is too large.", "body", "The longest side exceeds Capture:PhotoMaxLongSidePx."),
            _ => Problem(StatusCodes.Status400BadRequest, "empty", "The body is empty.", "body", "Send the file's bytes."),
        };
    }

    public static async Task<IResult> GetPhotoAsync(string sha256, PhotoStore store, HttpContext http, CancellationToken ct)
    {
        if (await store.OpenForReaderAsync(sha256, ct) is not { } file)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(file.Path, file.ContentType, enableRangeProcessing: false);
    }

    public static async Task<IResult> PutVisitAsync(Guid id, VisitSubmission submission, CaptureSyncService sync, CancellationToken ct)
    {
        var outcome = await sync.SubmitAsync(id, submission, ct);
        return outcome switch
        {
            SyncOutcome.Created c => TypedResults.Created($"{Base}/visits/{id}", c.Receipt),
            SyncOutcome.Duplicate d => TypedResults.Ok(d.Receipt),
            SyncOutcome.Conflict c => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemBase + "visit-conflict",
                Title = "Another version of this visit was submitted before.",
                Detail = "The server keeps the first version; this one is stored for review. Do not retry.",
                Extensions = { ["code"] = "visit-conflict", ["visitId"] = c.VisitId, ["storedSha256"] = c.StoredSha256, ["rejectedSha256"] = c.RejectedSha256 },
            }),
            SyncOutcome.MissingPhotos m => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Type = ProblemBase + "missing-photos",
                Title = "Photos or signatures referenced by the visit have not been uploaded.",
                Detail = "Upload them with PUT /api/capture/photos/{sha256} and submit again.",
                Extensions = { ["code"] = "missing-photos", ["missingPhotos"] = m.Sha256s },
            }),
            SyncOutcome.Invalid { RuleBroken: true } r => TypedResults.Problem(new HttpValidationProblemDetails(r.Errors)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Type = ProblemBase + r.Code,
                Title = "The visit breaks a rule.",
                Extensions = { ["code"] = r.Code },
            }),
            SyncOutcome.Invalid r => TypedResults.ValidationProblem(r.Errors, title: "The visit has errors."),
            _ => throw new InvalidOperationException("Unknown sync outcome."),
        };
    }

    public static async Task<Results<Ok<VisitDetails>, NotFound>> GetVisitAsync(Guid id, CaptureQueries q, CancellationToken ct) =>
        await q.DetailsAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<VisitSummary>>, NotFound, ValidationProblem>> ListVisitsAsync(Guid? venueId, CaptureQueries q, CancellationToken ct)
    {
        if (venueId is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["venueId"] = ["The venue is required."] });
        }
        return await q.HistoryAsync(venueId.Value, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<IReadOnlyList<ChecklistPackDto>>, ValidationProblem>> ListPacksAsync(ChecklistPacks packs, string? venueType, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(venueType))
        {
            return TypedResults.Ok(await packs.CurrentAsync(ct));
        }
        if (!Enum.TryParse<VenueType>(venueType, out var type) || !Enum.IsDefined(type))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["venueType"] = ["Unknown venue type."] });
        }
        return TypedResults.Ok(await packs.VersionsAsync(type, ct));
    }

    public static async Task<Results<Ok<ChecklistPackDto>, NotFound>> GetPackAsync(Guid id, ChecklistPacks packs, CancellationToken ct) =>
        await packs.GetAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<IResult> PublishPackAsync(string venueType, ChecklistPackEdit edit, ChecklistPacks packs, CancellationToken ct)
    {
        if (!Enum.TryParse<VenueType>(venueType, out var type) || !Enum.IsDefined(type))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["venueType"] = ["Unknown venue type."] });
        }
        try
        {
            var file = new ChecklistPackFile(type.ToString(), edit.BasedOnVersion + 1, edit.TitleZh, edit.TitleEn, edit.Items ?? []);
            return TypedResults.Ok(await packs.PublishAsync(type, edit.BasedOnVersion, file, ct));
        }
        catch (DomainException e) when (e.Code == "version.stale")
        {
            return Problem(StatusCodes.Status409Conflict, "stale-version", "The pack was changed meanwhile.", "basedOnVersion", e.Message);
        }
        catch (DomainException e)
        {
            var field = e.Code.Contains('.', StringComparison.Ordinal) ? e.Code[..e.Code.LastIndexOf('.')] : e.Code;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [e.Message] });
        }
    }

    private static IResult Problem(int status, string code, string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Type = ProblemBase + code,
            Title = title,
            Extensions = { ["code"] = code },
        });
}
