using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Inspections.Web.Rectification;

/// <summary>
/// The public verification page (<c>/verify/{token}</c>, reached from a notice's QR code) is anonymous: each client
/// address may open it <c>Verification:PermitsPerMinute</c> times a minute (default 30), so the 128-bit tokens cannot
/// be probed in bulk. Other paths are not limited here.
/// </summary>
public static class VerificationRateLimit
{
    public const string PathPrefix = "/verify";

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            var permits = Math.Max(1, configuration.GetValue("Verification:PermitsPerMinute", 30));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(
                        title: "查询过于频繁，请一分钟后再试。Too many verification requests; try again in a minute.",
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
