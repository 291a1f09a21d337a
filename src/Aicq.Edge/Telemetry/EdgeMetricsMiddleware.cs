using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aicq.Protocol;
using Aicq.ServiceDefaults.Http;
using Prometheus;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Telemetry;

/// <summary>Counts and times every response, the edge's own refusals included, by protocol route.</summary>
internal sealed class EdgeMetricsMiddleware(RequestDelegate next)
{
    // Labelled children looked up once per route (and status), not per request: WithLabels hashes and allocates.
    // Both label sets are bounded (protocol routes and endpoint templates; HTTP status codes).
    private static readonly ConcurrentDictionary<string, RouteSeries> Series = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var series = Series.GetOrAdd(RouteLabel(context), static route => new RouteSeries(route));
            series.Responses(context.Response.StatusCode).Inc();
            series.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>"METHOD /template" for proxied protocol routes, the route template for the edge's own endpoints.</summary>
    public static string RouteLabel(HttpContext context)
    {
        var proxied = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        return proxied is not null ? ProtocolRoutes.Find(proxied.Config.RouteId).Label : RequestFacts.RouteOf(context);
    }

    private sealed class RouteSeries(string route)
    {
        private readonly ConcurrentDictionary<int, Counter.Child> _byStatus = new();

        public Histogram.Child Duration { get; } = EdgeMetrics.RequestDuration.WithLabels(route);

        public Counter.Child Responses(int status) =>
            _byStatus.GetOrAdd(status, static (code, route) => EdgeMetrics.Requests.WithLabels(route, code.ToString(CultureInfo.InvariantCulture)), route);
    }
}
