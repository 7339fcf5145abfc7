using Microsoft.AspNetCore.Localization;

namespace Inspections.Web.Infrastructure;

public static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", SetCulture).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>Stores the chosen UI language in the standard culture cookie and returns to a local page.</summary>
    public static IResult SetCulture(string? culture, string? redirectUri, HttpContext http)
    {
        var chosen = WebDependencyInjection.SupportedCultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase))
                     ?? WebDependencyInjection.SupportedCultures[0];
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        var target = string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.StartsWith("//", StringComparison.Ordinal)
            ? "/"
            : redirectUri;
        return TypedResults.LocalRedirect(target);
    }
}
