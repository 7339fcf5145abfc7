using Hangfire;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Planning.Jobs;

/// <summary>
/// Daily: one reminder per officer of each approved operation tomorrow (in the planning time zone). Idempotent: the
/// rows are unique per operation and officer, so a rerun, a retry or a second worker adds nothing.
/// </summary>
public sealed class OperationRemindersJob(
    InspectionsDbContext db,
    IOptionsMonitor<PlanningOptions> options,
    TimeProvider clock,
    ILogger<OperationRemindersJob> logger)
{
    public const string RecurringJobId = "planning.daily-reminders";

    [AutomaticRetry(Attempts = 3)]
    public Task<int> RunForTomorrowAsync(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.CurrentValue.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        return RunAsync(today.AddDays(1), ct);
    }

    /// <summary>Writes the reminders of the operations on <paramref name="date"/>; returns how many were new.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(DateOnly date, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var created = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO operation_reminders (id, plan_id, operation_id, team_number, officer_id, operation_date, start, created_at)
            SELECT gen_random_uuid(), o.plan_id, o.id, (t.value ->> 'number')::int, m.value::uuid, o.date, o.start, {now}
            FROM planned_operations o
            JOIN monthly_plans p ON p.id = o.plan_id AND p.status = 'Approved'
            CROSS JOIN LATERAL jsonb_array_elements(o.teams) t
            CROSS JOIN LATERAL jsonb_array_elements_text(t.value -> 'officerIds') m
            WHERE o.date = {date}
              AND EXISTS (SELECT 1 FROM planned_visits v WHERE v.operation_id = o.id AND v.team_number = (t.value ->> 'number')::int)
            ON CONFLICT (operation_id, officer_id) DO NOTHING
            """, ct);
        logger.LogInformation("Reminders for operations on {Date}: {Created} new", date, created);
        return created;
    }
}
