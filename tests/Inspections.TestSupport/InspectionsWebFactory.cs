using System.Collections.Concurrent;
using Inspections.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inspections.TestSupport;

/// <summary>The real web host on a fresh migrated database. Subclass to seed or change settings.</summary>
public class InspectionsWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "test-admin";

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new(StringComparer.Ordinal);

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

    /// <summary>A client that follows no redirects and keeps cookies, signed in as nobody.</summary>
    public HttpClient CreateAnonymousClient() => CreateAnonymousClient(this);

    /// <summary>The same for a host derived from a factory (<c>WithWebHostBuilder</c>).</summary>
    public static HttpClient CreateAnonymousClient(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in (through the login page) as an existing account; one per account and factory.</summary>
    public Task<HttpClient> ClientForAsync(string userName, string password = TestAccounts.Password) =>
        _clients.GetOrAdd(userName, name => new Lazy<Task<HttpClient>>(async () =>
        {
            var client = CreateAnonymousClient();
            await TestAccounts.SignInAsync(client, name, password);
            return client;
        })).Value;

    /// <summary>An administrator (whole system, every capability), created on first use.</summary>
    public Task<HttpClient> AdminClientAsync() => UserClientAsync(AdminUserName, AppRoles.Administrator);

    /// <summary>Creates the account on first use and returns a client signed in as it.</summary>
    public Task<HttpClient> UserClientAsync(string userName, string role, Guid? jurisdictionId = null, Guid? officerId = null, Guid? departmentId = null) =>
        _clients.GetOrAdd(userName, name => new Lazy<Task<HttpClient>>(async () =>
        {
            await TestAccounts.CreateUserAsync(Services, name, role, jurisdictionId, officerId, departmentId);
            var client = CreateAnonymousClient();
            await TestAccounts.SignInAsync(client, name);
            return client;
        })).Value;

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

    /// <summary>
    /// Serves the app on Kestrel (loopback, a free port) instead of the in-memory test server, for a browser or a
    /// load generator; returns the base URL without a trailing slash.
    /// </summary>
    protected string StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
