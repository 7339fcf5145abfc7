using Inspections.Infrastructure.Dashboard;
using Inspections.Infrastructure.Progress;
using Inspections.Infrastructure.Progress.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

public static class DashboardDependencyInjection
{
    /// <summary>Dashboard figures (set-based SQL), the monthly progress tables and their reminder job.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ProgressReportService>();
        services.AddScoped<ProgressReminderJob>();
        services.AddScoped<Inspections.Infrastructure.Dashboard.Jobs.DashboardRollupJob>();
        if (!services.Any(d => d.ServiceType == typeof(Inspections.Infrastructure.Documents.IPdfRenderer)))
        {
            services.AddDocuments();
        }
        return services;
    }
}
