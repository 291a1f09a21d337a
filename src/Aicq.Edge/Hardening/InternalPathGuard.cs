using Aicq.Edge.Settings;
using Aicq.Edge.Telemetry;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Hardening;

/// <summary>
/// Keeps the two faces of the edge apart by the port a request arrived on (never by its Host header, which a
/// client chooses): metrics, probes and admin answer only on the internal port, and the internal port serves
/// nothing else. /health (the protocol's) stays public; /health/live and /health/ready are the platform's.
/// On the internal port only the edge's own endpoints answer: a request under an internal path that none of them
/// takes (<c>DELETE /metrics</c>, <c>/admin/anything</c>) would otherwise fall through to the proxy's catch-all route
/// and reach the API from a port that bypasses every public check.
/// </summary>
internal sealed class InternalPathGuard(RequestDelegate next, ListenSettings listen)
{
    private static readonly string[] InternalPrefixes = ["metrics", "admin", "health/live", "health/ready"];

    public Task InvokeAsync(HttpContext context)
    {
        var onInternalPort = context.Connection.LocalPort == listen.InternalPort;
        var forwarded = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null;
        if (onInternalPort == IsInternal(context.Request.Path) && !(onInternalPort && forwarded)) return next(context);
        if (!onInternalPort) EdgeMetrics.BlockedRequests.WithLabels("internal_path").Inc();
        return EdgeError.WriteAsync(context, StatusCodes.Status404NotFound, "not found");
    }

    public static bool IsInternal(PathString path)
    {
        // Repeated slashes and case make no difference to routing, so they must make none here either.
        var value = string.Join('/', (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return InternalPrefixes.Any(prefix => value == prefix || value.StartsWith(prefix + "/", StringComparison.Ordinal));
    }
}
