using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Planning.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

public static class PlanningDependencyInjection
{
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.Section);
        services.AddScoped<PlanningInputBuilder>();
        services.AddScoped<PlanService>();
        services.AddScoped<MonthlyPlanJob>();
        services.AddScoped<PlanEditService>();
        services.AddScoped<CalendarFeedService>();
        services.AddScoped<OfficerConflictService>();
        services.AddScoped<OperationRemindersJob>();
        if (!services.Any(d => d.ServiceType == typeof(Inspections.Infrastructure.Documents.IPdfRenderer)))
        {
            services.AddDocuments();
        }
        return services;
    }
}
