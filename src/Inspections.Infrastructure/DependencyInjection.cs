using Hangfire;
using Hangfire.PostgreSql;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureDependencyInjection
{
    public const string ConnectionStringName = "Inspections";

    /// <summary>Database, PostGIS, registry services and Hangfire storage. Hangfire servers are added by each host.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var cs = builder.Configuration.GetConnectionString(ConnectionStringName)
                 ?? throw new InvalidOperationException($"Connection string '{ConnectionStringName}' is not configured.");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(cs);
        dataSourceBuilder.UseNetTopologySuite();
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);

        builder.Services.AddDbContext<InspectionsDbContext>(o => o
            .UseNpgsql(dataSource, n =>
            {
                n.UseNetTopologySuite();
                n.MigrationsAssembly(typeof(InspectionsDbContext).Assembly.FullName);
            })
            .UseSnakeCaseNamingConvention());

        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<ICurrentUser, SystemUser>();
        builder.Services.AddScoped<SpatialFacts>();
        builder.Services.AddScoped<VenueRegistry>();
        builder.Services.AddScoped<VenueQueries>();

        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(cs),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }));
        return builder;
    }
}
