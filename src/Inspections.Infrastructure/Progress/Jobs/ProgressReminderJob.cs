using Inspections.Domain.Progress;
using Inspections.Infrastructure.Dashboard;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inspections.Infrastructure.Progress.Jobs;

/// <summary>
/// Daily (Asia/Shanghai): from the 15th of the month, every street whose progress table for the month is not submitted
/// gets one reminder for its enforcement leads per day, until it is submitted (due before the 20th; reminders go on
/// after that, marked overdue). One set-based statement; running it twice on a day adds nothing (unique key).
/// </summary>
public sealed class ProgressReminderJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ProgressReminderJob> logger)
{
    public const string RecurringJobId = "progress-report-reminders";

    public const int FirstReminderDay = 15;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(DashboardQueries.ChinaOffset).DateTime);
        return await RunForAsync(today, ct);
    }

    /// <summary>Reminders for <paramref name="today"/>'s month; returns how many were added.</summary>
    public async Task<int> RunForAsync(DateOnly today, CancellationToken ct)
    {
        if (today.Day < FirstReminderDay)
        {
            return 0;
        }
        const string sql = """
            INSERT INTO progress_report_reminders (id, street_jurisdiction_id, year, month, reminded_on, recipients, created_at)
            SELECT gen_random_uuid(), s.id, @year, @month, @today,
                   coalesce((SELECT string_agg(u.user_name, ',' ORDER BY u.user_name)
                             FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                             WHERE r.name = 'EnforcementLead'
                               AND (u.jurisdiction_id = s.id OR u.jurisdiction_id IN (SELECT c.id FROM jurisdictions c WHERE c.parent_id = s.id))), ''),
                   now()
            FROM jurisdictions s
            WHERE s.level = 'Street'
              AND NOT EXISTS (SELECT 1 FROM progress_reports pr
                              WHERE pr.street_jurisdiction_id = s.id AND pr.year = @year AND pr.month = @month AND pr.status = 'Submitted')
            ON CONFLICT (street_jurisdiction_id, year, month, reminded_on) DO NOTHING
            RETURNING street_jurisdiction_id, recipients
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("year", today.Year);
        cmd.Parameters.AddWithValue("month", today.Month);
        cmd.Parameters.AddWithValue("today", today);
        var added = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            added++;
            logger.LogInformation("Progress table {Year}-{Month:00} of street {Street} not submitted (due before day {Due}); reminded: {Recipients}",
                today.Year, today.Month, r.GetGuid(0), ProgressReport.DueDay, r.GetString(1));
        }
        return added;
    }
}
