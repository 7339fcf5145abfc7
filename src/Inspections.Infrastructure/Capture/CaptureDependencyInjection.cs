using Inspections.Infrastructure.Capture;

namespace Microsoft.Extensions.DependencyInjection;

public static class CaptureDependencyInjection
{
    /// <summary>Checklist packs, photo store, idempotent visit sync and the tablet's reads (issue 5).</summary>
    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section);
        services.AddScoped<ChecklistPacks>();
        services.AddScoped<PhotoStore>();
        services.AddScoped<VisitSubmittedContext>();
        services.AddScoped<CaptureSyncService>();
        services.AddSingleton<VisitWriter>();
        services.AddScoped<OrphanUploadCleanupJob>();
        services.AddScoped<CaptureQueries>();
        services.AddScoped<VisitConflictReview>();
        return services;
    }
}
