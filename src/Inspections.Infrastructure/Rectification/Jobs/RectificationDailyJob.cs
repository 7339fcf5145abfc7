using Hangfire;
using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Inspections.Infrastructure.Rectification.Jobs;

/// <summary>
/// Daily, in Asia/Shanghai: reminds the responsible officers of deadlines within <see cref="RectificationOptions.ReminderDaysBefore"/>
/// days, turns deadlines that have come into re-inspection tasks, marks notices past their deadline overdue and
/// escalates those overdue for longer than <see cref="RectificationOptions.EscalateAfterOverdueDays"/> days without a
/// re-inspection. Idempotent: every step checks what exists (unique indexes back it), and the whole run holds an
/// advisory lock in one transaction, so a rerun or a concurrent run changes nothing twice.
/// </summary>
public sealed class RectificationDailyJob(
    InspectionsDbContext db,
    RectificationService notices,
    TimeProvider clock,
    ILogger<RectificationDailyJob> logger)
{
    public const string RecurringJobId = "rectification.daily-deadlines";

    private const long LockKey = 0x5245_4354_4441_494C; // "RECTDAIL"

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => RunForAsync(notices.Today(), ct);

    /// <summary>Runs as of a given local date (tests, catch-up).</summary>
    public async Task<DailyRunResult> RunForAsync(DateOnly today, CancellationToken ct)
    {
        var options = notices.Options;
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
            var open = new[] { NoticeStatus.Issued, NoticeStatus.Served, NoticeStatus.Overdue };
            var remindUntil = today.AddDays(options.ReminderDaysBefore);
            var candidates = await db.Set<RectificationNotice>().Include(n => n.Items)
                .Where(n => open.Contains(n.Status) && n.Deadline <= remindUntil)
                .ToListAsync(ct);
            var noticeIds = candidates.Select(n => n.Id).ToList();
            var existingTasks = (await db.Set<ReinspectionTask>().Where(t => noticeIds.Contains(t.NoticeId)).Select(t => t.NoticeId).ToListAsync(ct)).ToHashSet();
            var existingNotes = (await db.Set<Notification>().Where(x => noticeIds.Contains(x.NoticeId))
                .Select(x => new { x.NoticeId, x.OfficerId, x.Kind }).ToListAsync(ct))
                .Select(x => (x.NoticeId, x.OfficerId, x.Kind)).ToHashSet();
            int reminders = 0, tasks = 0, overdue = 0, escalated = 0;

            void Notify(RectificationNotice n, NotificationKind kind, string message)
            {
                foreach (var officer in n.OfficerIds)
                {
                    if (existingNotes.Add((n.Id, officer, kind)))
                    {
                        db.Add(new Notification(officer, n.JurisdictionId, kind, n.Id, n.Deadline, message));
                        reminders++;
                    }
                }
            }

            foreach (var n in candidates)
            {
                var label = n.Number ?? n.PartyName;
                if (n.Deadline > today)
                {
                    Notify(n, NotificationKind.DeadlineApproaching, $"{label}（{n.PartyName}）整改期限为{n.Deadline:yyyy-MM-dd}，请安排复查。");
                    continue;
                }
                if (existingTasks.Add(n.Id))
                {
                    db.Add(new ReinspectionTask(n.Id, n.VenueId, n.JurisdictionId, n.Deadline, n.OfficerIds,
                        [.. n.Items.OrderBy(i => i.SortOrder).Select(i => i.ItemCode)]));
                    Notify(n, NotificationKind.ReinspectionDue, $"{label}（{n.PartyName}）整改期限已到，复查任务已生成。");
                    tasks++;
                }
                if (n.MarkOverdue(today, now))
                {
                    n.Touch(now);
                    overdue++;
                }
                if (n.Status == NoticeStatus.Overdue && today > n.Deadline.AddDays(options.EscalateAfterOverdueDays))
                {
                    n.Escalate(now);
                    n.Touch(now);
                    await RectificationService.EscalateAsync(db, n, n.Items, $"逾期{today.DayNumber - n.Deadline.DayNumber}日未复查、未整改到位", now, ct);
                    Notify(n, NotificationKind.Escalated, $"{label}（{n.PartyName}）逾期未整改，已移送立案并列入通报名单。");
                    escalated++;
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new DailyRunResult(reminders, tasks, overdue, escalated);
        });
        db.ChangeTracker.Clear();
        logger.LogInformation("Rectification deadlines {Today}: {Tasks} re-inspection tasks, {Overdue} overdue, {Escalated} escalated, {Reminders} reminders",
            today, result.TasksCreated, result.MarkedOverdue, result.Escalated, result.Notifications);
        return result;
    }
}

public sealed record DailyRunResult(int Notifications, int TasksCreated, int MarkedOverdue, int Escalated);
