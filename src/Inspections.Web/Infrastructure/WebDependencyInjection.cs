using System.Globalization;
using System.Text.Json.Serialization;
using Hangfire;
using Inspections.Web.Infrastructure.Security;
using Inspections.Web.Rectification;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Inspections.Web.Infrastructure;

public static class WebDependencyInjection
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NetTopologySuite.IO.Converters.GeoJsonConverterFactory());
            o.SerializerOptions.MaxDepth = 32;
        });
        services.AddValidation();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        // Keys that protect sign-in cookies survive restarts (tablets stay signed in for offline work);
        // a deployment with several web nodes points every node at the same folder.
        services.AddDataProtection()
            .SetApplicationName("Inspections")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysFolder"] is { Length: > 0 } keys
                ? keys
                : Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys")));
        builder.AddSecurity();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHealthChecks();
        services.AddVerificationRateLimit(builder.Configuration);
        // Jobs:RunServer=false runs no jobs here: a deployment can leave them to src/Inspections.Worker (ADR 15).
        services.AddJobServer(builder.Configuration, "web");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseRequestBodyLimit();
        app.UseRateLimiter();
        app.UseRequestLocalization();
        app.UseSecurity();
        app.UseAntiforgery();
        app.MapOpenApi().RequireAuthorization(AppPolicies.SignedIn);
        return app;
    }
}
