using Microsoft.AspNetCore.Components;

namespace Inspections.Web.Components.Shared;

/// <summary>
/// Base for pages that read or write the database. Each operation runs in its own DI scope and so gets a fresh
/// DbContext: a Blazor Server circuit lives for hours, and one context shared by it would hand out stale tracked
/// entities (defeating the optimistic-concurrency check) and fail when two operations overlap.
/// </summary>
public abstract class DataComponentBase : ComponentBase
{
    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
