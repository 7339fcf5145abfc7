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
        return services;
    }
}
