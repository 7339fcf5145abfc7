using Inspections.Infrastructure.Map;

namespace Microsoft.Extensions.DependencyInjection;

public static class MapDependencyInjection
{
    /// <summary>The map's queries (tiles, popups, routes, exports) and its options (section Map).</summary>
    public static IServiceCollection AddMap(this IServiceCollection services)
    {
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section);
        services.AddScoped<MapQueries>();
        return services;
    }
}
