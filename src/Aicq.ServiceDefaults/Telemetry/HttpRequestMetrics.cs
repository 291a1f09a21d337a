using System.Diagnostics;
using System.Globalization;
using Aicq.ServiceDefaults.Http;
using Prometheus;

namespace Aicq.ServiceDefaults.Telemetry;

/// <summary>One service's request counter and duration histogram, <c>{prefix}_http_requests_total</c> and <c>{prefix}_http_request_duration_seconds</c>.</summary>
public sealed class HttpRequestMetrics(string prefix, string describedAs, double[] buckets)
{
    public Counter Requests { get; } = Metrics.CreateCounter(
        $"{prefix}_http_requests_total", $"{describedAs} requests by method, route template and status.", "method", "path", "status");

    public Histogram Duration { get; } = Metrics.CreateHistogram(
        $"{prefix}_http_request_duration_seconds", $"{describedAs} request duration by method and route template.",
        new HistogramConfiguration { LabelNames = ["method", "path"], Buckets = buckets });
}

/// <summary>
/// Counts and times every request, errors included. Every label comes from a closed set (a known method or OTHER, the
/// route template or "unmatched", the status code), never from what the client sent: otherwise each new method token
/// or path would be a new series.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, HttpRequestMetrics metrics)
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
            metrics.Requests.WithLabels(method, path, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
            metrics.Duration.WithLabels(method, path).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
