using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace Aicq.ServiceDefaults.Http;

/// <summary>How one service answers a failure: what an exception means, and how its error is written.</summary>
public sealed record ErrorAnswerRules
{
    public required string LoggerCategory { get; init; }
    /// <summary>The status and message an exception (or none) becomes.</summary>
    public required Func<Exception?, (int Status, string Message)> Classify { get; init; }
    /// <summary>The service's one way of writing an error.</summary>
    public required Func<HttpContext, int, string, Task> WriteAsync { get; init; }
    /// <summary>Extra headers on a 503 from a dependency (the API's Retry-After).</summary>
    public Action<HttpContext>? OnUnavailable { get; init; }
}

public static partial class ErrorAnswers
{
    /// <summary>
    /// Every failure gets a body: an exception becomes its classified 4xx, a fast 503 for a dependency that is away, or
    /// a 500 without a stack trace; a bare status code (unmatched route, wrong method) gets a message.
    /// </summary>
    public static WebApplication UseErrorAnswers(this WebApplication app, ErrorAnswerRules rules)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            // The handler below logs every failure once, at the right level and without request data.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = rules.Classify(exception);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(rules.LoggerCategory);
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    LogDependencyFailure(logger, exception?.GetType().Name ?? "unknown");
                    rules.OnUnavailable?.Invoke(context);
                }
                else if (status >= 500) LogUnhandled(logger, exception);
                await rules.WriteAsync(context, status, message);
            },
        });
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
            await rules.WriteAsync(status.HttpContext, response.StatusCode, message);
        });
        return app;
    }

    /// <summary>Whether <paramref name="exception"/> (or one inside it) means PostgreSQL or Redis is unavailable, not a bug.</summary>
    public static bool IsDependencyFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A server-side error (missing table, constraint) is a bug, not an outage; only these classes mean "unavailable":
                // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, cannot connect now),
                // and 25006: a write met a standby or a demoted primary, which is a failover under way.
                case PostgresException postgres:
                    return postgres.SqlState[..2] is "08" or "53" or "57" || IsReadOnlyServer(postgres);
                case RedisException or RedisTimeoutException or NpgsqlException or TimeoutException or System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Whether the server refused a write because it is read-only (a standby, or a primary being demoted).</summary>
    public static bool IsReadOnlyServer(PostgresException exception) => exception.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction;

    [LoggerMessage(EventName = "dependency_unavailable", Level = LogLevel.Warning, Message = "A dependency failed: {exception_type}")]
    private static partial void LogDependencyFailure(ILogger logger, string exception_type);

    [LoggerMessage(EventName = "unhandled_exception", Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception);
}
