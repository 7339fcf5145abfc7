using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A job node: the same storage, queues, jobs and recurring schedule as the web host, no UI. Run as many as needed;
// each recurring occurrence is enqueued once and each job runs on one node (ADR 15). The web host migrates the database.
var builder = Host.CreateApplicationBuilder(args);
// Defaults under every other source (appsettings.json, environment, command line). No appsettings.json of its own:
// the Docker image publishes the worker next to the web app, whose appsettings.json it then shares.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["ConnectionStrings:Inspections"] = "Host=127.0.0.1;Port=55432;Database=inspections;Username=postgres",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
        ["Jobs:RunServer"] = "true",
    },
});
builder.AddInfrastructure();
builder.Services.AddJobServer(builder.Configuration, "worker");

using var host = builder.Build();
host.Services.MapRecurringJobs();
await host.RunAsync();
