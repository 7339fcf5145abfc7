using Inspections.Infrastructure.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Inspections.Web.Components.Shared;

/// <summary>
/// Base for pages that read or write the database. Each operation runs in its own DI scope and so gets a fresh
/// DbContext: a Blazor Server circuit lives for hours, and one context shared by it would hand out stale tracked
/// entities (defeating the optimistic-concurrency check) and fail when two operations overlap.
/// The new scope has no HttpContext and no circuit state, so it is told who acts: the page's signed-in user, whose
/// jurisdictions then limit every query (ADR 9). Without that it would act as nobody and see nothing.
/// </summary>
public abstract class DataComponentBase : ComponentBase
{
    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    /// <summary>The signed-in user (cascaded by AddCascadingAuthenticationState); null only in component tests without it.</summary>
    [CascadingParameter]
    protected Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = await CreateScopeAsync();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await CreateScopeAsync();
        return await work(scope.ServiceProvider);
    }

    private async Task<AsyncServiceScope> CreateScopeAsync()
    {
        var scope = ScopeFactory.CreateAsyncScope();
        if (AuthenticationState is { } state)
        {
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAs((await state).User);
        }
        // Resolve the user's jurisdictions now, asynchronously, rather than lazily inside the first query.
        await scope.ServiceProvider.GetRequiredService<UserScope>().PreloadAsync(CancellationToken.None);
        return scope;
    }
}
