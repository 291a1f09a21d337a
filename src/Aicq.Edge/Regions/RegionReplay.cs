using Aicq.Edge.ClientAddress;
using Aicq.Edge.Hardening;
using Aicq.Edge.Telemetry;
using Aicq.Protocol;
using Prometheus;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Regions;

/// <summary>
/// Multi-region on Fly: in a replica region (<see cref="RegionSettings.IsReplica"/>) a request that must be decided in the
/// primary region is answered at once with <c>fly-replay: region=&lt;primary&gt;</c>, before its body is read or any budget
/// charged, and Fly's proxy replays it there. Reads stay local. Which requests: every write route, and every signed
/// request of a route that charges agents (<see cref="MustRunInPrimary"/>), because the API checks and spends a nonce for it;
/// so every nonce is checked in one region, whatever Redis each region reaches.
/// <para>
/// Fly's proxy marks a replayed request with <c>fly-replay-src</c>, but a client can send that header too, so it is never
/// a permission: it only stops a replica region from asking for a replay again (a request that already was replayed and
/// still reached a replica region, through a misrouted replay or two regions that disagree on the primary, gets a 503, never
/// a loop), and it is removed before the API. Forging it therefore only turns the forger's own write into a 503.
/// </para>
/// </summary>
internal sealed class RegionReplay(RequestDelegate next, RegionSettings settings, ClientAddressSettings clientAddress)
{
    public const string ReplayHeader = "fly-replay";
    public const string ReplaySourceHeader = "fly-replay-src";

    private readonly string _replayTo = $"region={settings.PrimaryRegion}";

    // One child per outcome, made when the pipeline is built, so every series exists (at 0) from the first scrape.
    private readonly Counter.Child _sent = EdgeMetrics.RegionReplays.WithLabels("sent");
    private readonly Counter.Child _received = EdgeMetrics.RegionReplays.WithLabels("received");
    private readonly Counter.Child _refused = EdgeMetrics.RegionReplays.WithLabels("refused");

    public Task InvokeAsync(HttpContext context)
    {
        var replayed = context.Request.Headers.Remove(ReplaySourceHeader);
        if (!settings.IsReplica)
        {
            // Counted only from Fly's proxy: what a client wrote itself is not a replay anyone asked for.
            if (replayed && FromTrustedProxy(context)) _received.Inc();
            return next(context);
        }
        if (!MustRunInPrimary(context)) return next(context);
        if (replayed)
        {
            _refused.Inc();
            context.Response.Headers[ProtocolHeaders.RetryAfter] = "1";
            return EdgeError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "write region unavailable");
        }
        _sent.Inc();
        context.Response.Headers[ReplayHeader] = _replayTo;
        // Fly's proxy acts on the header (its documentation names no status) and never shows this answer to the client;
        // 409 is what a client reaching this edge past Fly's proxy sees: the request conflicts with where it arrived.
        return EdgeError.WriteAsync(context, StatusCodes.Status409Conflict, "request must be served in the primary region");
    }

    /// <summary>A write, or a signed request of a route whose budget is the agent's: the API would check its nonce.</summary>
    private static bool MustRunInPrimary(HttpContext context)
    {
        var routeId = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;
        if (routeId is null) return false;
        var route = ProtocolRoutes.Find(routeId);
        return route.Class == RouteClass.Write
            || (route.Limit?.Scope == LimitScope.Agent && context.Request.Headers.ContainsKey(ProtocolHeaders.Agent));
    }

    private bool FromTrustedProxy(HttpContext context) =>
        context.Features.Get<ClientAddressFeature>() is { } address && clientAddress.IsTrusted(address.Peer);
}
