using System.Net;
using Inspections.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// The demo set-up of run.sh (a small district and the demo accounts). The test server has no remote address; a test
/// header stands in for it so that the loopback-only demo endpoint can be tried from "this machine" and from afar.
/// </summary>
public sealed class DemoWebFactory : InspectionsWebFactory
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:DemoOnEmptyDatabase"] = "true",
        ["Seed:Venues"] = "60",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
