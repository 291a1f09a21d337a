using Aicq.Edge.Admin;
using Aicq.Edge.ClientAddress;
using Aicq.Edge.Forwarding;
using Aicq.Edge.Hardening;
using Aicq.Edge.RateLimiting;
using Aicq.Edge.Regions;
using Aicq.Edge.Settings;
using Aicq.Edge.Telemetry;
using Aicq.Edge.Tls;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Settings;
using StackExchange.Redis;

namespace Aicq.Edge;

internal static class Extensions
{
    public static void AddEdgeServices(this WebApplicationBuilder builder, EdgeSettings settings)
    {
        var services = builder.Services;
        services.AddSettings(settings, settings.Listen, settings.ClientAddress, settings.RateLimits, settings.Blocks, settings.Admin, settings.Regions);
        services.AddSingleton(SecurityHeaderSets.Edge(CorsPreflightMiddleware.ExposedHeaders));
        services.AddSingleton(InternalPort.Rules(settings.Listen));
        services.AddSingleton(TimeProvider.System);

        // AbortOnConnectFail=false: the edge starts while Redis is down (limiting in memory) and reconnects by itself.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(settings.RateLimits.Redis));
        services.AddSingleton<RedisLimiterBackend>();
        services.AddSingleton<MemoryLimiterBackend>();
        services.AddSingleton<LimiterStore>();
        services.AddHostedService(provider => provider.GetRequiredService<LimiterStore>());
        services.AddSingleton<BudgetPlanner>();
        services.AddSingleton<AgentSettlement>();

        EdgeMetrics.PublishRuntimeMetersOnly();
        services.AddEdgeProxy(settings.Forwarding);
        services.AddHostedService<UpstreamHealthMonitor>();
    }

    /// <summary>The public and internal pipeline; every step's place is deliberate.</summary>
    public static WebApplication UseEdgePipeline(this WebApplication app)
    {
        app.UseMiddleware<ClientAddressMiddleware>();    // who the client is, before anything logs or counts it
        app.UseServiceDefaults();                        // request id, then one log line per request
        app.UseRouting();                                // the protocol route, for logs, metrics and limits
        app.UseMiddleware<EdgeMetricsMiddleware>();      // counts every response, the edge's refusals included
        app.UseMiddleware<SecurityHeadersMiddleware>();  // security and CORS headers on every response
        app.UseMiddleware<InternalPortGuard>();          // metrics/probes/admin only on the internal port, and only they
        app.UseMiddleware<HttpsRedirectMiddleware>();    // plain HTTP: 308 to HTTPS, nothing else
        app.UseMiddleware<CorsPreflightMiddleware>();    // preflights never reach the API
        app.UseMiddleware<RequestShapeGuard>();          // 414/431 for oversized requests, 400 for underscores in header names
        app.UseMiddleware<RegionReplay>();               // a replica region: writes to the primary (fly-replay), before any body or budget
        app.UseMiddleware<MethodGuard>();                // 405 for a method no protocol route takes, before the body is read
        app.UseMiddleware<BodyLimitMiddleware>();        // 413 before the API, and a body that can be re-sent
        return app;
    }
}
