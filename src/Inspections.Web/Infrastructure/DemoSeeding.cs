namespace Inspections.Web.Infrastructure;

public static class DemoSeeding
{
    public static Task SeedIfEmptyAsync(IServiceProvider services, IConfiguration config, ILogger logger)
    {
        _ = services;
        _ = config;
        logger.LogWarning("Demo seeding is not wired yet");
        return Task.CompletedTask;
    }
}
