using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Inspections.Infrastructure.Registry.Import;
using Inspections.Infrastructure.Registry.Import.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        // Automatic preparation of the hot statements (parsed and planned once per connection instead of per call) unless
        // the connection string decides otherwise.
        if (!ConnectionStringSets(cs, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            dataSourceBuilder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        dataSourceBuilder.UseNetTopologySuite();
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);

        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddDbContext<InspectionsDbContext>((sp, o) => o
            .UseNpgsql(dataSource, n =>
            {
                n.UseNetTopologySuite();
                n.MigrationsAssembly(typeof(InspectionsDbContext).Assembly.FullName);
            })
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));

        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<ICurrentUser, SystemUser>();
        builder.Services.TryAddScoped<IActingUser>(sp => sp.GetRequiredService<ICurrentUser>() as IActingUser
            ?? throw new InvalidOperationException("The registered ICurrentUser cannot be told who acts."));
        builder.Services.AddScoped<UserScope>();
        builder.Services.AddScoped<IUserScope>(sp => sp.GetRequiredService<UserScope>());
        builder.Services.AddScoped<SpatialFacts>();
        builder.Services.AddScoped<VenueRegistry>();
        builder.Services.AddScoped<VenueQueries>();

        builder.Services.AddOptions<VenueImportOptions>().BindConfiguration(VenueImportOptions.Section);
        builder.Services.AddScoped<VenueImportService>();
        builder.Services.AddScoped<VenueImportAnalysisJob>();
        builder.Services.AddScoped<VenueImportCommitJob>();
        builder.Services.AddPlanning();
        builder.Services.AddRectification();
        builder.Services.AddCapture();
        builder.Services.AddDashboard();
        builder.Services.AddMap();

        // Storage and activator belong to this host, not to Hangfire's process-wide JobStorage.Current and
        // JobActivator.Current: otherwise two hosts in one process (parallel integration tests) enqueue into each
        // other's database and run jobs in each other's containers. Long polling (LISTEN/NOTIFY) starts a job as
        // soon as it is enqueued instead of at the next poll.
        var hangfireOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromSeconds(5),
        };
        builder.Services.AddSingleton<JobStorage>(_ =>
            new PostgreSqlStorage(new NpgsqlConnectionFactory(cs, hangfireOptions, null), hangfireOptions));
        builder.Services.AddSingleton<JobActivator>(sp => new SystemJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        return builder;
    }

    /// <summary>
    /// Whether the connection string itself names one of <paramref name="keys"/>. Not
    /// <see cref="NpgsqlConnectionStringBuilder.ContainsKey"/>: that answers whether Npgsql knows the keyword, so it is
    /// true for every supported setting, set or not.
    /// </summary>
    internal static bool ConnectionStringSets(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(given.ContainsKey);
    }
}
