using System.Diagnostics;
using Aicq.Edge.Forwarding;
using Aicq.ServiceDefaults.Http;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Telemetry;

/// <summary>Counts and times every response, the edge's own refusals included, by protocol route.</summary>
internal sealed class EdgeMetricsMiddleware(RequestDelegate next)
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
            var route = RouteLabel(context);
            EdgeMetrics.Requests.WithLabels(route, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            EdgeMetrics.RequestDuration.WithLabels(route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>"METHOD /template" for proxied protocol routes, the route template for the edge's own endpoints.</summary>
    public static string RouteLabel(HttpContext context)
    {
        var proxied = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        return proxied is not null ? ProtocolRoutes.Find(proxied.Config.RouteId).Label : RequestFacts.RouteOf(context);
    }
}
