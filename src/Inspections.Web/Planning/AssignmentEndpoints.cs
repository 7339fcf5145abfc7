using System.ComponentModel.DataAnnotations;
using Inspections.Domain.Common;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Planning;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inspections.Web.Planning;

public sealed class ConflictDeclarationRequest
{
    [Required]
    public Guid? VenueId { get; set; }

    [Required, StringLength(200, MinimumLength = 2)]
    public string? Reason { get; set; }
}

public sealed record CalendarFeedDto(bool Exists, DateTimeOffset? CreatedAt, DateTimeOffset? LastReadAt, string? Url);

/// <summary>
/// The signed-in officer's side of planning: the private iCalendar feed of approved assignments, conflict-of-interest
/// declarations (回避) and reminders of tomorrow's operations. The feed itself is read by calendar apps without a cookie,
/// authenticated by the secret token in its URL.
/// </summary>
public static class AssignmentEndpoints
{
    private const string Base = "/api/planning";

    public static IEndpointRouteBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).WithTags("Assignments");
        g.MapGet("/ical/{token}.ics", FeedAsync)
            .WithName("AssignmentCalendar")
            .WithSummary("An officer's approved assignments as iCalendar (RFC 5545); the token in the URL is the credential.")
            .AllowAnonymous();
        g.MapGet("/calendar-feed", FeedStatusAsync).WithName("CalendarFeedStatus").RequireAuthorization(AppPolicies.OwnAssignments);
        g.MapPost("/calendar-feed/rotate", RotateAsync)
            .WithName("RotateCalendarFeed")
            .WithSummary("Creates the feed or replaces its secret; the URL is shown only in this answer and the old one stops working.")
            .RequireAuthorization(AppPolicies.OwnAssignments);
        g.MapGet("/conflicts", ConflictsAsync).WithName("MyConflicts").RequireAuthorization(AppPolicies.OwnAssignments);
        g.MapPost("/conflicts", DeclareAsync)
            .WithName("DeclareConflict")
            .WithSummary("Declare a conflict of interest with a venue; the planner never assigns the officer to it.")
            .RequireAuthorization(AppPolicies.OwnAssignments);
        g.MapGet("/reminders", RemindersAsync).WithName("MyReminders").RequireAuthorization(AppPolicies.OwnAssignments);
        return app;
    }

    public static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(string token, CalendarFeedService feeds, HttpContext http, CancellationToken ct)
    {
        if (await feeds.RenderAsync(token, ct) is not { } text)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Text(text, "text/calendar; charset=utf-8");
    }

    public static async Task<Results<Ok<CalendarFeedDto>, ProblemHttpResult>> FeedStatusAsync(ICurrentUser user, CalendarFeedService feeds, CancellationToken ct)
    {
        if (user.OfficerId is not { } officer)
        {
            return NotAnOfficer();
        }
        var s = await feeds.StatusAsync(officer, ct);
        return TypedResults.Ok(new CalendarFeedDto(s.Exists, s.CreatedAt, s.LastReadAt, null));
    }

    public static async Task<Results<Ok<CalendarFeedDto>, ProblemHttpResult>> RotateAsync(
        ICurrentUser user, CalendarFeedService feeds, HttpContext http, CancellationToken ct)
    {
        if (user.OfficerId is not { } officer)
        {
            return NotAnOfficer();
        }
        var token = await feeds.RotateAsync(officer, ct);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Base}/ical/{token.Token}.ics";
        return TypedResults.Ok(new CalendarFeedDto(true, token.CreatedAt, null, url));
    }

    public static async Task<Results<Ok<IReadOnlyList<OfficerConflictDto>>, ProblemHttpResult>> ConflictsAsync(
        ICurrentUser user, OfficerConflictService conflicts, CancellationToken ct) =>
        user.OfficerId is { } officer ? TypedResults.Ok(await conflicts.ListAsync(officer, ct)) : NotAnOfficer();

    public static async Task<Results<Created<OfficerConflictDto>, NotFound, ProblemHttpResult>> DeclareAsync(
        ConflictDeclarationRequest r, ICurrentUser user, OfficerConflictService conflicts, CancellationToken ct)
    {
        if (user.OfficerId is not { } officer)
        {
            return NotAnOfficer();
        }
        try
        {
            return await conflicts.DeclareAsync(officer, r.VenueId!.Value, r.Reason!, ct) is { } declared
                ? TypedResults.Created($"{Base}/conflicts", declared)
                : TypedResults.NotFound();
        }
        catch (DomainException e) when (e.Code == "conflict.duplicate")
        {
            return TypedResults.Problem(title: "Already declared.", detail: e.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<OperationReminderDto>>, ProblemHttpResult>> RemindersAsync(
        ICurrentUser user, OfficerConflictService conflicts, TimeProvider clock, CancellationToken ct)
    {
        if (user.OfficerId is not { } officer)
        {
            return NotAnOfficer();
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        return TypedResults.Ok(await conflicts.RemindersAsync(officer, today, ct));
    }

    private static ProblemHttpResult NotAnOfficer() => TypedResults.Problem(
        title: "This account is not linked to an officer.",
        detail: "Assignments, calendar feeds and conflict declarations belong to officers; ask an administrator to link the account.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["code"] = "account.no_officer" });
}
