using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Inspections.Web.Infrastructure;

/// <summary>Optimistic concurrency over HTTP: the row version (xmin) travels as a strong ETag.</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    public static void Set(HttpContext http, uint version) => http.Response.Headers.ETag = Format(version);

    /// <summary>Reads If-Match. Null when absent; false when unparseable.</summary>
    public static (bool Present, uint? Version) ReadIfMatch(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (false, null);
        }
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        value = value.Trim('"');
        return uint.TryParse(value, out var v) ? (true, v) : (true, null);
    }

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        title: "If-Match is required.",
        detail: "Send the ETag you read (If-Match) so that a concurrent change is not overwritten.",
        statusCode: StatusCodes.Status428PreconditionRequired);

    public static ProblemHttpResult Stale(uint current) => TypedResults.Problem(
        title: "The record was changed by someone else.",
        detail: "Reload it, apply your change again and resubmit. Nothing was overwritten.",
        statusCode: StatusCodes.Status412PreconditionFailed,
        extensions: new Dictionary<string, object?> { ["currentVersion"] = current, ["currentETag"] = Format(current) });
}
