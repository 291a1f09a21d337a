using System.Diagnostics;
using System.Globalization;
using Aicq.ServiceDefaults.Http;
using Prometheus;

namespace Aicq.StatusPage.Telemetry;

/// <summary>
/// Counts and times every request, errors included. Every label comes from a closed set (a known method or OTHER, the
/// route template or "unmatched", the status code), never from what the client sent: otherwise each new method token
/// or path would be a new series.
/// </summary>
internal sealed class HttpMetrics(RequestDelegate next)
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "aicq_status_http_requests_total", "Status page HTTP requests by method, route template and status.", "method", "path", "status");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "aicq_status_http_request_duration_seconds", "Status page HTTP request duration by method and route template.",
        new HistogramConfiguration { LabelNames = ["method", "path"], Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

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
            Requests.WithLabels(method, path, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
            Duration.WithLabels(method, path).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
