using Hangfire;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The Hangfire server shared by the web host and the worker (src/Inspections.Worker): same storage, same queues. Any
/// number of them can run against one database; Hangfire's distributed locks let each recurring occurrence be
/// enqueued once and each job be fetched by one worker (ADR 15).
/// </summary>
public static class JobServerRegistration
{
    public static readonly string[] Queues = ["default"];

    /// <summary>Adds the job server unless <c>Jobs:RunServer</c> (or the older <c>Hangfire:Server</c>) is false.</summary>
    public static IServiceCollection AddJobServer(this IServiceCollection services, IConfiguration configuration, string? serverName = null)
    {
        var run = configuration.GetValue<bool?>("Jobs:RunServer") ?? configuration.GetValue("Hangfire:Server", true);
        if (!run)
        {
            return services;
        }
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 2);
            o.Queues = Queues;
            if (configuration.GetValue<double?>("Jobs:SchedulePollingSeconds") is { } seconds)
            {
                o.SchedulePollingInterval = TimeSpan.FromSeconds(seconds);
            }
            if ((serverName ?? configuration["Jobs:ServerName"]) is { Length: > 0 } name)
            {
                o.ServerName = $"{name}:{Environment.ProcessId}:{Guid.NewGuid():N}";
            }
        });
        return services;
    }
}
