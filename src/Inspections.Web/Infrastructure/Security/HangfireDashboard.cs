using Hangfire;
using Hangfire.Dashboard;
using Inspections.Infrastructure.Identity;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>The Hangfire dashboard at /hangfire, for administrators only (endpoint policy and Hangfire's own filter).</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static IEndpointConventionBuilder MapHangfireDashboardForAdministrators(this WebApplication app) =>
        app.MapHangfireDashboard(Path, new DashboardOptions
            {
                Authorization = [],
                AsyncAuthorization = [new AdministratorsOnly()],
                AppPath = "/",
                DisplayStorageConnectionString = false,
                DashboardTitle = "Inspections · Hangfire",
            }, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(AppPolicies.Administration);

    /// <summary>Hangfire checks again with the cookie user, in case the endpoint policy is ever loosened.</summary>
    private sealed class AdministratorsOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context) =>
            Task.FromResult(context.GetHttpContext().User.IsInRole(AppRoles.Administrator));
    }
}
