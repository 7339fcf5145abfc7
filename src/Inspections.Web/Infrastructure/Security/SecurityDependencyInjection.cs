using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>Identity (same database), the sign-in cookie, the policies and the acting user of the web host. ADR 9.</summary>
public static class SecurityDependencyInjection
{
    public const string CookieName = "inspections.auth";
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>A working shift; the cookie slides while the user is active, a tablet re-authenticates after that.</summary>
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(8);

    /// <summary>How soon a locked, deleted or re-stamped account loses an open cookie or circuit.</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(5);

    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<InspectionsDbContext>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // run.sh serves plain HTTP on loopback; behind HTTPS (production) the cookie is marked Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionLength;
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = AccessDeniedPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Sign in first.",
                    "The session is missing or has expired. Sign in again; nothing was changed.")
                : Redirect(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Not allowed.",
                    "Your role does not allow this. Nothing was changed.")
                : Redirect(ctx);
        });
        services.AddAuthorization(AppPolicies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<WebCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<WebCurrentUser>());
        services.AddScoped<IActingUser>(sp => sp.GetRequiredService<WebCurrentUser>());
        return builder;
    }

    /// <summary>Authentication, authorization and, for API calls, the user's jurisdictions resolved up front.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // No framing by other sites (clickjacking of the sign-in and edit forms), no MIME sniffing, no full URLs
            // (with their query strings) sent to other sites as referrers.
            var headers = context.Response.Headers;
            headers.XFrameOptions = "SAMEORIGIN";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && IsApi(context.Request)
                && context.GetEndpoint()?.Metadata.GetMetadata<ResolvesUserScopeItself>() is null)
            {
                await context.RequestServices.GetRequiredService<UserScope>().PreloadAsync(context.RequestAborted);
            }
            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Endpoint metadata: the handler resolves the user's jurisdictions inside its own first batch of statements
    /// (<see cref="Inspections.Infrastructure.Common.UserScope.PendingCommand"/>), so the middleware does not preload
    /// them on a connection of their own.
    /// </summary>
    public sealed class ResolvesUserScopeItself;

    /// <summary>API callers (and a future offline client) get 401/403 ProblemDetails they can act on, never a login page.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = status == StatusCodes.Status401Unauthorized
                    ? "https://inspections.local/problems/unauthenticated"
                    : "https://inspections.local/problems/forbidden",
                Extensions = { ["loginUrl"] = LoginPath },
            },
        });
    }
}
