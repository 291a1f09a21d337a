using System.Diagnostics;
using System.Globalization;
using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Telemetry;

/// <summary>
/// Counts and times every request. Every label comes from a closed set (a known method or OTHER, the route template,
/// the status code), never from what the client sent: otherwise each new method token or path would be a new series.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next)
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
            var path = RequestFacts.RouteOf(context);
            var method = KnownMethods.Label(context.Request.Method);
            ApiMetrics.HttpRequests.WithLabels(method, path, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
            ApiMetrics.HttpDuration.WithLabels(method, path).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
