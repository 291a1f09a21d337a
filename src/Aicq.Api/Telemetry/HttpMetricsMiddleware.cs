using System.Diagnostics;
using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Telemetry;

/// <summary>Counts and times every request by route template (never the raw path, so label sets stay bounded).</summary>
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
            var method = context.Request.Method;
            ApiMetrics.HttpRequests.WithLabels(method, path, context.Response.StatusCode.ToString()).Inc();
            ApiMetrics.HttpDuration.WithLabels(method, path).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
