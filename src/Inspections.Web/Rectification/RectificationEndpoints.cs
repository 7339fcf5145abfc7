using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Rectification;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Web.Rectification;

public sealed class NoticeEditRequest
{
    [Required, StringLength(4000, MinimumLength = 1)]
    public string? FactsFound { get; set; }

    [Required, StringLength(500, MinimumLength = 1)]
    public string? SpecificLegalBasis { get; set; }

    [Required, StringLength(1000, MinimumLength = 1)]
    public string? Consequences { get; set; }

    [StringLength(50)]
    public string? ContactPerson { get; set; }

    [StringLength(32)]
    public string? ContactPhone { get; set; }

    /// <summary>Overall deadline; item deadlines later than it are brought forward.</summary>
    public DateOnly? Deadline { get; set; }

    public List<NoticeItemEditRequest> Items { get; set; } = [];
}

public sealed class NoticeItemEditRequest
{
    [Required]
    public Guid? Id { get; set; }

    [Required, StringLength(500, MinimumLength = 1)]
    public string? Requirement { get; set; }

    [Required]
    public DateOnly? Deadline { get; set; }
}

public sealed class NoticeServiceRequest
{
    [Required]
    public ServiceMethod? Method { get; set; }

    [Required]
    public DateTimeOffset? ServedAt { get; set; }

    /// <summary>Who signed for the party; required unless the party refused.</summary>
    [StringLength(50)]
    public string? ReceivedBy { get; set; }

    public bool PartyRefused { get; set; }

    /// <summary>Required when the party refused.</summary>
    [StringLength(50)]
    public string? Witness { get; set; }

    [StringLength(50)]
    public string? ServedBy { get; set; }
}

public sealed class ReinspectionRequest
{
    /// <summary>The re-inspection visit, when captured on a tablet.</summary>
    public Guid? VisitId { get; set; }

    /// <summary>Item code → outcome, for every item of the notice.</summary>
    [Required, MinLength(1)]
    public Dictionary<string, ReinspectionOutcome>? Outcomes { get; set; }
}

public sealed class PrintBatchRequest
{
    [Required]
    public DateOnly? From { get; set; }

    /// <summary>Defaults to <see cref="From"/> (one day).</summary>
    public DateOnly? To { get; set; }

    public DepartmentKind? DepartmentKind { get; set; }

    public Guid? JurisdictionId { get; set; }

    /// <summary>Only one team of a planned operation (see <c>GET /api/print-batches/teams</c>).</summary>
    public PrintTeamRequest? Team { get; set; }

    public bool Notices { get; set; } = true;

    public bool Records { get; set; }

    public bool IncludeDrafts { get; set; }
}

/// <summary>A plan team: the planned operation and the team's number in it.</summary>
public sealed class PrintTeamRequest
{
    [Required]
    public Guid? OperationId { get; set; }

    [Required, Range(1, 999)]
    public int? Number { get; set; }
}

public sealed record PrintBatchAccepted(Guid Id);

/// <summary>Rectification notices, re-inspection tasks, reminders, printing and ledgers (issue 6, ADR 14).</summary>
public static class RectificationEndpoints
{
    public static IEndpointRouteBuilder MapRectificationEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/notices").WithTags("Rectification");
        g.MapGet("/", ListAsync).WithName("ListNotices").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}", GetAsync).WithName("GetNotice").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapPut("/{id:guid}", EditAsync).WithName("EditNoticeDraft").WithSummary("Edit a draft (If-Match).").RequireAuthorization(AppPolicies.NoticeWrite);
        g.MapPost("/{id:guid}/issue", IssueAsync).WithName("IssueNotice")
            .WithSummary("Draft → issued: assigns the gap-free number of the authority and year (If-Match).").RequireAuthorization(AppPolicies.NoticeWrite);
        g.MapPost("/{id:guid}/service", ServeAsync).WithName("RecordNoticeService")
            .WithSummary("Records service: the party's signature, or refusal with a witness (If-Match).").RequireAuthorization(AppPolicies.NoticeWrite);
        g.MapPost("/{id:guid}/reinspection", ReinspectAsync).WithName("RecordReinspection")
            .WithSummary("Outcome per item: all rectified closes the notice, otherwise it is escalated (If-Match).").RequireAuthorization(AppPolicies.NoticeWrite);
        g.MapGet("/{id:guid}/pdf", PdfAsync).WithName("NoticePdf").WithSummary("The notice as PDF (inline).").RequireAuthorization(AppPolicies.DocumentsPrint);
        g.MapGet("/{id:guid}/item-codes", ItemCodesAsync).WithName("NoticeItemCodes")
            .WithSummary("Item codes under rectification: what a re-inspection of this notice shows.").RequireAuthorization(AppPolicies.RegistryRead);
        g.MapGet("/{id:guid}/photos", PhotosAsync).WithName("NoticeOriginalPhotos")
            .WithSummary("The original visit's photos per item under rectification, to show beside the re-inspection's.").RequireAuthorization(AppPolicies.RegistryRead);

        app.MapGet("/api/visits/{id:guid}/record.pdf", RecordPdfAsync).WithTags("Rectification").WithName("InspectionRecordPdf")
            .RequireAuthorization(AppPolicies.DocumentsPrint);
        app.MapGet("/api/reinspection-tasks", TasksAsync).WithTags("Rectification").WithName("ReinspectionTasks")
            .WithSummary("Re-inspection tasks: the signed-in officer's due by a date (?date=), or all of the jurisdiction in a range (?from=&to=).")
            .RequireAuthorization(AppPolicies.RegistryRead);
        app.MapGet("/api/escalations", EscalationsAsync).WithTags("Rectification").WithName("Escalations")
            .WithSummary("Penalty referrals and the 通报 list.").RequireAuthorization(AppPolicies.RegistryRead);
        app.MapGet("/api/notifications/mine", MyNotificationsAsync).WithTags("Rectification").WithName("MyNotifications")
            .RequireAuthorization(AppPolicies.SignedIn);
        app.MapPost("/api/notifications/{id:guid}/read", MarkReadAsync).WithTags("Rectification").WithName("MarkNotificationRead")
            .RequireAuthorization(AppPolicies.SignedIn);

        var p = app.MapGroup("/api/print-batches").WithTags("Rectification");
        p.MapPost("/", RequestBatchAsync).WithName("RequestPrintBatch")
            .WithSummary("Render notices/records of a day or range into one PDF in the background; poll for progress.").RequireAuthorization(AppPolicies.DocumentsPrint);
        p.MapGet("/teams", PrintTeamsAsync).WithName("PrintTeams")
            .WithSummary("Teams of planned operations dated from..to (one day by default) in the caller's jurisdictions, for the batch's team filter.")
            .RequireAuthorization(AppPolicies.DocumentsPrint);
        p.MapGet("/{id:guid}", BatchAsync).WithName("GetPrintBatch").RequireAuthorization(AppPolicies.DocumentsPrint);
        p.MapGet("/{id:guid}/pdf", BatchPdfAsync).WithName("PrintBatchPdf").RequireAuthorization(AppPolicies.DocumentsPrint);

        app.MapGet("/api/ledgers/{kind}", LedgerAsync).WithTags("Rectification").WithName("Ledger")
            .WithSummary("台账 as XLSX or CSV (?format=xlsx|csv&from=&to=), rows of the user's jurisdiction only.")
            .RequireAuthorization(AppPolicies.LedgerExport);
        return app;
    }

    public static async Task<Ok<NoticePage>> ListAsync(
        RectificationService notices, NoticeStatus? status, DepartmentKind? department, Guid? venueId, Guid? jurisdictionId, string? q,
        DateOnly? deadlineFrom, DateOnly? deadlineTo, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await notices.ListAsync(new NoticeFilter
        {
            Status = status,
            DepartmentKind = department,
            VenueId = venueId,
            JurisdictionId = jurisdictionId,
            Q = q is { Length: > 100 } ? q[..100] : q,
            DeadlineFrom = deadlineFrom,
            DeadlineTo = deadlineTo,
            Page = page ?? 1,
            PageSize = pageSize ?? 50,
        }, ct));

    public static async Task<Results<Ok<NoticeDetails>, NotFound>> GetAsync(Guid id, RectificationService notices, HttpContext http, CancellationToken ct)
    {
        if (await notices.GetAsync(id, ct) is not { } details)
        {
            return TypedResults.NotFound();
        }
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    public static Task<Results<Ok<NoticeDetails>, NotFound, ProblemHttpResult>> EditAsync(
        Guid id, NoticeEditRequest r, RectificationService notices, HttpContext http, CancellationToken ct) =>
        WriteAsync(id, http, notices, ct, v => notices.EditDraftAsync(id, v, new NoticeEdit(
            r.FactsFound!, r.SpecificLegalBasis!, r.Consequences!, r.ContactPerson, r.ContactPhone, r.Deadline,
            [.. r.Items.Select(i => new NoticeItemEdit(i.Id!.Value, i.Requirement!, i.Deadline!.Value))]), ct));

    public static Task<Results<Ok<NoticeDetails>, NotFound, ProblemHttpResult>> IssueAsync(
        Guid id, RectificationService notices, HttpContext http, CancellationToken ct) =>
        WriteAsync(id, http, notices, ct, v => notices.IssueAsync(id, v, ct));

    public static Task<Results<Ok<NoticeDetails>, NotFound, ProblemHttpResult>> ServeAsync(
        Guid id, NoticeServiceRequest r, RectificationService notices, HttpContext http, CancellationToken ct) =>
        WriteAsync(id, http, notices, ct, v => notices.ServeAsync(id, v,
            new ServiceRecord(r.Method!.Value, r.ServedAt!.Value, r.ReceivedBy, r.PartyRefused, r.Witness, r.ServedBy), ct));

    public static Task<Results<Ok<NoticeDetails>, NotFound, ProblemHttpResult>> ReinspectAsync(
        Guid id, ReinspectionRequest r, RectificationService notices, HttpContext http, CancellationToken ct) =>
        WriteAsync(id, http, notices, ct, v => notices.RecordReinspectionAsync(id, v, r.VisitId, r.Outcomes!, ct));

    /// <summary>If-Match, then the change; a concurrent change → 412, nothing written.</summary>
    private static async Task<Results<Ok<NoticeDetails>, NotFound, ProblemHttpResult>> WriteAsync(
        Guid id, HttpContext http, RectificationService notices, CancellationToken ct, Func<uint?, Task<RectificationNotice?>> change)
    {
        var (present, version) = ETags.ReadIfMatch(http.Request);
        if (!present)
        {
            return ETags.PreconditionRequired();
        }
        try
        {
            if (await change(version ?? 0) is null)
            {
                return TypedResults.NotFound();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await notices.GetAsync(id, ct);
            return ETags.Stale(current?.Version ?? 0);
        }
        var details = (await notices.GetAsync(id, ct))!;
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> PdfAsync(Guid id, DocumentSources sources, IPdfRenderer renderer, CancellationToken ct)
    {
        if (await sources.NoticeAsync(id, ct) is not { } document)
        {
            return TypedResults.NotFound();
        }
        return InlinePdf(renderer.RenderToArray(document), $"notice-{id:N}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> RecordPdfAsync(Guid id, DocumentSources sources, IPdfRenderer renderer, CancellationToken ct)
    {
        if (await sources.RecordAsync(id, ct) is not { } document)
        {
            return TypedResults.NotFound();
        }
        return InlinePdf(renderer.RenderToArray(document), $"record-{id:N}.pdf");
    }

    /// <summary>No Content-Disposition: the browser previews it inline.</summary>
    private static FileContentHttpResult InlinePdf(byte[] pdf, string name) => TypedResults.File(pdf, "application/pdf");

    public static async Task<Results<Ok<IReadOnlyList<ItemPhotos>>, NotFound>> PhotosAsync(Guid id, RectificationService notices, CancellationToken ct) =>
        await notices.OriginalPhotosAsync(id, ct) is { } photos ? TypedResults.Ok(photos) : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<string>>> ItemCodesAsync(Guid id, RectificationService notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.ItemCodesAsync(id, ct));

    public static async Task<Results<Ok<IReadOnlyList<ReinspectionAssignment>>, ProblemHttpResult>> TasksAsync(
        RectificationService notices, ICurrentUser user, DateOnly? date, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (date is { } d)
        {
            if (user.OfficerId is not { } officer)
            {
                return TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]>
                {
                    ["date"] = ["Only an account linked to an officer has its own re-inspection tasks; use from/to for the jurisdiction's."],
                })
                { Status = StatusCodes.Status400BadRequest });
            }
            return TypedResults.Ok(await notices.ForOfficerAsync(officer, d, ct));
        }
        return TypedResults.Ok(await notices.TasksAsync(from, to, ct));
    }

    public static async Task<Ok<List<EscalationRow>>> EscalationsAsync(Inspections.Infrastructure.Persistence.InspectionsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await (from e in db.Set<Escalation>().AsNoTracking()
                               join n in db.Set<RectificationNotice>() on e.NoticeId equals n.Id
                               orderby e.ReferredAt descending
                               select new EscalationRow(e.NoticeId, n.Number, n.PartyName, e.VenueId, e.PenaltyBasis, e.PenaltyRange, e.Reason, e.ReferredAt, e.OnNotificationList))
            .Take(500).ToListAsync(ct));

    public static async Task<Ok<IReadOnlyList<NotificationDto>>> MyNotificationsAsync(RectificationService notices, ICurrentUser user, bool? unread, CancellationToken ct) =>
        TypedResults.Ok(user.OfficerId is { } officer
            ? await notices.NotificationsForOfficerAsync(officer, unread ?? false, ct)
            : (IReadOnlyList<NotificationDto>)[]);

    public static async Task<Results<NoContent, NotFound>> MarkReadAsync(Guid id, RectificationService notices, ICurrentUser user, CancellationToken ct) =>
        user.OfficerId is { } officer && await notices.MarkNotificationReadAsync(officer, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Accepted<PrintBatchAccepted>, ProblemHttpResult>> RequestBatchAsync(
        PrintBatchRequest r, PrintBatchService batches, PrintTeams teams, CancellationToken ct)
    {
        var from = r.From!.Value;
        var to = r.To ?? from;
        // A team of another jurisdiction is "no such team", like any foreign record (existence not leaked).
        var team = r.Team is { OperationId: { } operation, Number: { } number } ? new PrintTeam(operation, number) : null;
        var unknownTeam = r.Team is not null && (team is null || await teams.FindAsync(team, ct) is null);
        if (to < from || to.DayNumber - from.DayNumber > 92 || (!r.Notices && !r.Records) || unknownTeam)
        {
            var errors = new Dictionary<string, string[]>();
            if (unknownTeam)
            {
                errors["team"] = ["No such team in your jurisdiction: choose one from GET /api/print-batches/teams."];
            }
            if (to < from)
            {
                errors["to"] = ["'to' lies before 'from'."];
            }
            else if (to.DayNumber - from.DayNumber > 92)
            {
                errors["to"] = ["Print at most 93 days at once."];
            }
            if (!r.Notices && !r.Records)
            {
                errors["notices"] = ["Choose notices, records or both."];
            }
            return TypedResults.Problem(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });
        }
        var id = await batches.RequestAsync(new PrintSelection
        {
            From = from,
            To = to,
            DepartmentKind = r.DepartmentKind,
            JurisdictionId = r.JurisdictionId,
            Team = team,
            Notices = r.Notices,
            Records = r.Records,
            IncludeDrafts = r.IncludeDrafts,
        }, ct);
        return TypedResults.Accepted($"/api/print-batches/{id}", new PrintBatchAccepted(id));
    }

    public static async Task<Results<Ok<IReadOnlyList<PrintTeamOption>>, ProblemHttpResult>> PrintTeamsAsync(
        DateOnly? from, DateOnly? to, PrintTeams teams, TimeProvider clock, CancellationToken ct)
    {
        var first = from ?? DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var last = to ?? first;
        if (last < first || last.DayNumber - first.DayNumber > 92)
        {
            return TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["to"] = [last < first ? "'to' lies before 'from'." : "List at most 93 days at once."],
            }) { Status = StatusCodes.Status400BadRequest });
        }
        return TypedResults.Ok(await teams.ListAsync(first, last, ct));
    }

    public static async Task<Results<Ok<PrintBatchState>, NotFound>> BatchAsync(Guid id, PrintBatchService batches, CancellationToken ct) =>
        await batches.GetAsync(id, ct) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> BatchPdfAsync(Guid id, PrintBatchService batches, CancellationToken ct) =>
        await batches.PdfAsync(id, ct) is { } pdf ? InlinePdf(pdf, $"batch-{id:N}.pdf") : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> LedgerAsync(
        string kind, string? format, DateOnly? from, DateOnly? to, LedgerService ledgers, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<LedgerKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || int.TryParse(kind, out _))
        {
            errors["kind"] = ["One of: visits, findings, notices, rectification."];
        }
        var f = (format ?? "xlsx").ToLowerInvariant();
        if (f is not ("xlsx" or "csv"))
        {
            errors["format"] = ["xlsx or csv."];
        }
        if (from is { } a && to is { } b && b < a)
        {
            errors["to"] = ["'to' lies before 'from'."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.Problem(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });
        }
        var ledger = await ledgers.BuildAsync(k, from, to, ct);
        var name = $"{k.ToString().ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd}.{f}";
        return f == "csv"
            ? TypedResults.File(LedgerService.ToCsv(ledger), "text/csv; charset=utf-8", name)
            : TypedResults.File(LedgerService.ToXlsx(ledger), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}

public sealed record EscalationRow(Guid NoticeId, string? Number, string PartyName, Guid VenueId, string PenaltyBasis, string PenaltyRange, string Reason, DateTimeOffset ReferredAt, bool OnNotificationList);
