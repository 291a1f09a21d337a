using Aicq.Edge.Settings;
using Aicq.Edge.Telemetry;
using Aicq.ServiceDefaults.Http;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Hardening;

/// <summary>
/// Keeps the two faces of the edge apart: metrics, probes and admin answer only on the internal port, and the
/// internal port serves nothing else. /health (the protocol's) stays public; /health/live and /health/ready are the
/// platform's. On the internal port only the edge's own endpoints answer: a request under an internal path that none
/// of them takes (<c>DELETE /metrics</c>, <c>/admin/anything</c>) would otherwise fall through to the proxy's
/// catch-all route and reach the API from a port that bypasses every public check.
/// </summary>
internal static class InternalPort
{
    public static InternalPortRules Rules(ListenSettings listen) => new()
    {
        InternalPort = listen.InternalPort,
        Paths = ["metrics", "admin", "health/live", "health/ready"],
        PathsOnlyOnInternalPort = true,
        InternalPortServesOnlyPaths = true,
        AlsoRefuseOnInternalPort = context => context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null,
        OnRefusedOnPublicPort = () => EdgeMetrics.BlockedRequests.WithLabels("internal_path").Inc(),
        Refuse = context => EdgeError.WriteAsync(context, StatusCodes.Status404NotFound, "not found"),
    };
}
