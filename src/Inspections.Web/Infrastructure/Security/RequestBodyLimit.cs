using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>
/// Every request body is limited to 1 MB unless its endpoint says otherwise (the import upload allows 21 MB with
/// <see cref="RequestSizeLimitAttribute"/>). A declared length over the limit is refused at once with 413
/// ProblemDetails; a chunked body is cut off by the server at the same limit (BadHttpRequestException → 413).
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaxBytes = 1024 * 1024;

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request is too large.",
                        Detail = $"At most {limit / 1024} KB may be sent here. Nothing was changed.",
                    },
                });
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(context);
        });
        return app;
    }
}
