using System.Net;
using Aicq.Edge.RateLimiting;
using Aicq.Protocol;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace Aicq.Edge.Forwarding;

internal static class ProxySetup
{
    private const string ClusterId = "api";

    public static void AddEdgeProxy(this IServiceCollection services, ForwardingSettings settings)
    {
        services.AddReverseProxy()
            .LoadFromMemory(Routes(), [Cluster(settings)])
            .AddTransforms(builder =>
            {
                // Exactly one client address and scheme, the edge's own (ClientAddressMiddleware removed the client's).
                builder.UseDefaultForwarders = false;
                builder.AddXForwardedFor(action: ForwardedTransformActions.Set);
                builder.AddXForwardedProto(action: ForwardedTransformActions.Set);
                builder.AddRequestTransform(ForwardedHeaders.ApplyToRequestAsync);
                builder.AddResponseTransform(ForwardedHeaders.ApplyToResponseAsync);
                var settlement = builder.Services.GetRequiredService<AgentSettlement>();
                builder.AddResponseTransform(settlement.ApplyAsync);
            });
    }

    /// <summary>The proxy pipeline; its order is the order each step must see the request in.</summary>
    public static WebApplication MapEdgeProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<UpstreamErrorMiddleware>(); // 502/503/504 in the protocol's error shape
            proxy.UseMiddleware<RateLimitMiddleware>();     // blocks and budgets: nothing refused here reaches the API
            proxy.UseMiddleware<ConnectFailureRetry>();     // a refused connection moves on to the next instance
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    private static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. ProtocolRoutes.All.Select(route => new RouteConfig
        {
            RouteId = route.Id,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = route.Template, Methods = [route.Method] },
        }),
        new RouteConfig
        {
            RouteId = ProtocolRoutes.Other.Id,
            ClusterId = ClusterId,
            Order = 1000,
            Match = new RouteMatch { Path = ProtocolRoutes.Other.Template },
        },
    ];

    private static ClusterConfig Cluster(ForwardingSettings settings) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
        Destinations = settings.Upstreams
            .Select((uri, index) => (Id: $"api-{index + 1}", Config: new DestinationConfig { Address = uri.ToString() }))
            .ToDictionary(d => d.Id, d => d.Config),
        HealthCheck = new HealthCheckConfig
        {
            // Readiness, not liveness: an instance that lost its database, or began shutting down, leaves rotation.
            // When every instance is unready (say Redis is down everywhere) all stay in rotation, so the API can
            // still answer what it can, with its own 503s for the rest.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = settings.HealthInterval,
                Timeout = TimeSpan.FromSeconds(Math.Min(2, settings.HealthInterval.TotalSeconds)),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(10),
            },
        },
        Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "2" },
        HttpRequest = new ForwarderRequestConfig
        {
            ActivityTimeout = settings.UpstreamTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        },
    };
}
