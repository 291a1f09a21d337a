using System.Diagnostics;

using Aicq.ServiceDefaults.Http;

namespace Aicq.ServiceDefaults.Logging;

/// <summary>
/// One structured line per request. Only the route template, never the raw path with its query,
/// and never a header or body: secrets and message bodies must not reach logs.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Log(context, started);
        }
    }

    private void Log(HttpContext context, long started)
    {
        var status = context.Response.StatusCode;
        // Below 400 the line is Information (Debug for probes): when that is off, skip building its fields.
        if (status < 400 && !logger.IsEnabled(LogLevel.Information)) return;
        var path = RequestFacts.RouteOf(context);
        var level = IsProbe(path)
            ? (status >= 400 ? LogLevel.Warning : LogLevel.Debug)
            : status >= 500 ? LogLevel.Error : status >= 400 ? LogLevel.Warning : LogLevel.Information;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        LogRequest(
            logger,
            level,
            context.Request.Method,
            path,
            status,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2),
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            userAgent.Length > 200 ? userAgent[..200] : userAgent,
            RequestFacts.AgentOf(context));
    }

    // Health probes and scrapes arrive every few seconds; successful ones would drown the real traffic.
    private static bool IsProbe(string path) => path is "/health/live" or "/health/ready" or "/metrics";

    [LoggerMessage(EventName = "http_request", Message = "{method:l} {path:l} responded {status} in {duration_ms} ms (ip {ip:l}, agent {agent:l}, ua {user_agent:l})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int status, double duration_ms, string ip, string user_agent, string? agent);
}
