using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Rectification;
using Inspections.Infrastructure.Rectification.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class RectificationDependencyInjection
{
    /// <summary>Notices, numbering, the daily deadline job, batch printing and ledgers.</summary>
    public static IServiceCollection AddRectification(this IServiceCollection services)
    {
        services.AddOptions<RectificationOptions>().BindConfiguration(RectificationOptions.Section);
        services.AddScoped<RectificationService>();
        services.AddScoped<IReinspectionTasks>(sp => sp.GetRequiredService<RectificationService>());
        services.AddScoped<RectificationDailyJob>();
        services.AddScoped<DocumentSources>();
        services.TryAddScoped<VisitSubmittedContext>();
        services.AddScoped<IVisitSubmittedHandler, RectificationVisitHandler>();
        services.AddScoped<LedgerService>();
        services.AddScoped<PrintBatchService>();
        services.AddScoped<PrintTeams>();
        services.AddScoped<PrintBatchJob>();
        services.AddScoped<PrintBatchRetentionJob>();
        return services;
    }
}
