using System.Text.Json;
using Inspections.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Web.Infrastructure;

/// <summary>Turns expected failures into RFC 7807 answers so bad input never surfaces as a 500.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? details = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            DomainException d => new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FieldOf(d.Code)] = [d.Message],
            })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request breaks a business rule.",
                Type = "https://inspections.local/problems/domain",
                Extensions = { ["code"] = d.Code },
            },
            Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A record with the same unique value already exists.",
            },
            Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23503" } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The record refers to, or is referred to by, another record.",
            },
            _ when FindPostgres(exception) is { SqlState: "22021" or "22P05" } => new ProblemDetails
            {
                // A NUL character (or another that the database's encoding cannot hold) in a text value or a search.
                Status = StatusCodes.Status400BadRequest,
                Title = "The text contains characters that cannot be stored.",
                Detail = "Remove control characters such as NUL (\\u0000) and try again. Nothing was changed.",
            },
            _ when Transient(exception) => new ProblemDetails
            {
                // The database restarting or unreachable, a serialization failure: nothing was stored, the same request
                // later succeeds (the tablet's outbox retries on its own).
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not available right now.",
                Detail = "Nothing was changed. Try again in a few seconds.",
            },
            _ => null,
        };
        if (details is null)
        {
            if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
            {
                http.Response.StatusCode = 499;
                return true;
            }
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }
        http.Response.StatusCode = details.Status ?? StatusCodes.Status400BadRequest;
        if (details.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = "5";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var errors = new Dictionary<string, string[]>();
        var json = bad.InnerException as JsonException ?? bad.InnerException?.InnerException as JsonException;
        if (json is not null)
        {
            errors[string.IsNullOrEmpty(json.Path) ? "$" : json.Path] = ["The value could not be read: " + (json.Message.Split(". Path:")[0])];
        }
        else
        {
            errors["request"] = [bad.Message];
        }
        return new ValidationProblemDetails(errors)
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The request could not be read.",
        };
    }

    /// <summary>A failure Npgsql calls transient (connection lost or refused, server shutting down, serialization failure…).</summary>
    private static bool Transient(Exception exception) => Chain(exception).Any(e => e is Npgsql.NpgsqlException { IsTransient: true });

    private static Npgsql.PostgresException? FindPostgres(Exception exception) => Chain(exception).OfType<Npgsql.PostgresException>().FirstOrDefault();

    /// <summary>The exception and its inner exceptions, outermost first.</summary>
    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    /// <summary>Domain codes look like "name.required": the part before the dot names the field.</summary>
    public static string FieldOf(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? code[..dot] : code;
    }
}
