using Hangfire;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Every recurring job and its schedule, in one reviewable place (STYLE rule 12).</summary>
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
        jobs.AddOrUpdate<MonthlyPlanJob>(
            MonthlyPlanJob.RecurringJobId,
            job => job.RunNextMonthAsync(CancellationToken.None),
            planning.MonthlyDraftCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(planning.TimeZone) });
        return services;
    }
}
