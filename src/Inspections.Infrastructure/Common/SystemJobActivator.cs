using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Infrastructure.Common;

/// <summary>
/// Runs every Hangfire job in its own DI scope acting as the system: jobs have no request or circuit, and a host
/// whose users default to "nobody" (the web host) would otherwise run them seeing nothing. Jobs that act for a user
/// check that user's limits themselves (see the venue import jobs).
/// </summary>
public sealed class SystemJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetService<IActingUser>()?.ActAsSystem();
        return new Scope(scope);
    }

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
