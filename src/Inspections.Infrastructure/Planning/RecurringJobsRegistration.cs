using Hangfire;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Every recurring job and its schedule, in one reviewable place (STYLE rule 12). Called by the web host and the worker.</summary>
public static class RecurringJobsRegistration
{
    public static IServiceProvider MapRecurringJobs(this IServiceProvider services)
    {
        var planning = services.GetRequiredService<IOptions<PlanningOptions>>().Value;
        if (!planning.RegisterRecurringJobs)
        {
            return services;
        }
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var zone = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(planning.TimeZone) };
        jobs.AddOrUpdate<MonthlyPlanJob>(
            MonthlyPlanJob.RecurringJobId,
            job => job.RunNextMonthAsync(CancellationToken.None),
            planning.MonthlyDraftCron,
            zone);
        jobs.AddOrUpdate<OperationRemindersJob>(
            OperationRemindersJob.RecurringJobId,
            job => job.RunForTomorrowAsync(CancellationToken.None),
            planning.DailyRemindersCron,
            zone);
        jobs.AddOrUpdate<Inspections.Infrastructure.Progress.Jobs.ProgressReminderJob>(
            Inspections.Infrastructure.Progress.Jobs.ProgressReminderJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "0 9 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(planning.TimeZone) });
        jobs.AddOrUpdate<Inspections.Infrastructure.Dashboard.Jobs.DashboardRollupJob>(
            Inspections.Infrastructure.Dashboard.Jobs.DashboardRollupJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Inspections.Infrastructure.Dashboard.Jobs.DashboardRollupJob.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(planning.TimeZone) });
        var rectification = services.GetRequiredService<IOptions<Inspections.Infrastructure.Rectification.RectificationOptions>>().Value;
        jobs.AddOrUpdate<Inspections.Infrastructure.Rectification.Jobs.RectificationDailyJob>(
            Inspections.Infrastructure.Rectification.Jobs.RectificationDailyJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            rectification.DailyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(rectification.TimeZone) });
        jobs.AddOrUpdate<Inspections.Infrastructure.Rectification.Jobs.PrintBatchRetentionJob>(
            Inspections.Infrastructure.Rectification.Jobs.PrintBatchRetentionJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Inspections.Infrastructure.Rectification.Jobs.PrintBatchRetentionJob.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(rectification.TimeZone) });
        jobs.AddOrUpdate<Inspections.Infrastructure.Capture.OrphanUploadCleanupJob>(
            Inspections.Infrastructure.Capture.OrphanUploadCleanupJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Inspections.Infrastructure.Capture.OrphanUploadCleanupJob.Cron,
            zone);
        return services;
    }
}
