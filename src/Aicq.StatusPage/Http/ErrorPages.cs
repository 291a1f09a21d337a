using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Aicq.StatusPage.Http;

/// <summary>
/// Every failure gets a body: the <c>{"error": ...}</c> shape for the machine routes (and any client that does not
/// ask for HTML), a small HTML page for a browser on the page's own paths. A crash becomes a 500 without a stack
/// trace, a database that is away a 503, a client's bad body its 4xx.
/// </summary>
internal static partial class ErrorPages
{
    private static readonly string[] MachinePrefixes = ["/api", "/internal", "/health", "/metrics", "/badge", "/feed.atom", "/_blazor", "/_framework"];

    public static WebApplication UseStatusErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            // The handler logs each failure once, without request data.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = Classify(exception);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Aicq.StatusPage.Errors");
                if (status == StatusCodes.Status503ServiceUnavailable) LogDependencyFailure(logger, exception?.GetType().Name ?? "unknown");
                else if (status >= 500) LogUnhandled(logger, exception);
                await WriteAsync(context, status, message);
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
            await WriteAsync(status.HttpContext, response.StatusCode, message);
        });
        return app;
    }

    internal static (int Status, string Message) Classify(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the body is too large" : "bad request"),
        _ when IsDatabaseAway(exception) => (StatusCodes.Status503ServiceUnavailable, "the status database is unavailable; retry"),
        _ => (StatusCodes.Status500InternalServerError, "internal error"),
    };

    /// <summary>
    /// PostgreSQL unreachable or refusing for now, not a bug: a server-side error (bad data, missing table) stays a 500.
    /// Classes 08 connection, 53 insufficient resources, 57 operator intervention.
    /// </summary>
    private static bool IsDatabaseAway(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres) return postgres.SqlState[..2] is "08" or "53" or "57";
            if (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException) return true;
        }
        return false;
    }

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (!WantsHtml(context.Request)) return StatusError.WriteAsync(context, status, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} · AICQ status</title></head>" +
            $"<body><h1>{status}</h1><p>{WebUtility.HtmlEncode(message)}.</p><p><a href=\"/\">AICQ status</a></p></body></html>");
    }

    private static bool WantsHtml(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !MachinePrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(EventName = "dependency_unavailable", Level = LogLevel.Warning, Message = "The status database failed: {exception_type}")]
    private static partial void LogDependencyFailure(ILogger logger, string exception_type);

    [LoggerMessage(EventName = "unhandled_exception", Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception);
}
