using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Inspections.TestSupport;

/// <summary>The real web host on a fresh migrated database. Subclass to seed or change settings.</summary>
public class InspectionsWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    /// <summary>Extra configuration for the host, e.g. Seed:DemoOnEmptyDatabase.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Inspections"] = Database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Seed:DemoOnEmptyDatabase"] = "false",
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }
        builder.UseSetting("ConnectionStrings:Inspections", Database.ConnectionString);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
    }
}
