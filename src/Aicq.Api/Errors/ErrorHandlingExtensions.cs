using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace Aicq.Api.Errors;

internal static partial class ErrorHandlingExtensions
{
    /// <summary>
    /// Turns every exception into the protocol's error shape: bad requests stay 4xx, a dead dependency
    /// becomes a fast 503, anything else a 500 without a stack trace.
    /// </summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            // The handler below logs every failure once, at the right level and without request data.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = Classify(exception);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Aicq.Api.Errors");
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    LogDependencyFailure(logger, exception?.GetType().Name ?? "unknown");
                    // Temporary by definition (often a store timing out under overload): say when to retry, as shedding does.
                    context.Response.Headers.RetryAfter = Overload.LoadShedding.RetryAfter;
                }
                else if (status >= 500) LogUnhandled(logger, exception);
                await ApiError.WriteAsync(context, status, message);
            },
        });
        // Unmatched routes and wrong methods get the error shape too.
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null) return;
            var message = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => "not found",
                StatusCodes.Status405MethodNotAllowed => "method not allowed",
                _ => "request failed",
            };
            await ApiError.WriteAsync(status.HttpContext, response.StatusCode, message);
        });
        return app;
    }

    internal static (int Status, string Message) Classify(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "request body too large",
            StatusCodes.Status415UnsupportedMediaType => "content type must be application/json",
            _ => "invalid request body: expected a JSON object",
        }),
        _ when IsDependencyFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "service temporarily unavailable"),
        _ => (StatusCodes.Status500InternalServerError, "internal error"),
    };

    /// <summary>Whether <paramref name="exception"/> (or one inside it) means PostgreSQL or Redis is unavailable, not a bug.</summary>
    internal static bool IsDependencyFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A server-side error (missing table, constraint) is a bug, not an outage; only these classes mean "unavailable":
                // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, cannot connect now).
                case PostgresException postgres:
                    return postgres.SqlState[..2] is "08" or "53" or "57";
                case RedisException or RedisTimeoutException or NpgsqlException or TimeoutException or System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }

    [LoggerMessage(EventName = "dependency_unavailable", Level = LogLevel.Warning, Message = "A dependency failed: {exception_type}")]
    private static partial void LogDependencyFailure(ILogger logger, string exception_type);

    [LoggerMessage(EventName = "unhandled_exception", Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception);
}
