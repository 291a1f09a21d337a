using Prometheus;

namespace Aicq.Edge.Telemetry;

/// <summary>The edge's own series, scraped from the internal port next to process, runtime and build metrics.</summary>
internal static class EdgeMetrics
{
    // No exemplars: by default every Inc/Observe formats the current trace and span id into one, yet /metrics is
    // served in the Prometheus text format, which never shows exemplars. Same default registry as before.
    private static readonly MetricFactory Factory = CreateFactory();

    public static readonly Counter Requests = Factory.CreateCounter(
        "aicq_edge_requests_total", "Responses the edge sent, by protocol route and status.", ["route", "status"]);

    public static readonly Histogram RequestDuration = Factory.CreateHistogram(
        "aicq_edge_request_duration_seconds", "Time from request to response at the edge, by protocol route.",
        new HistogramConfiguration
        {
            LabelNames = ["route"],
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    public static readonly Counter RateLimitHits = Factory.CreateCounter(
        "aicq_rate_limit_hits_total", "Requests refused with 429, by protocol route and the scope whose budget ran out.", ["endpoint", "scope"]);

    public static readonly Counter BlockedRequests = Factory.CreateCounter(
        "aicq_blocked_requests_total", "Requests the edge refused before forwarding, by reason.", ["reason"]);

    public static readonly Counter RegionReplays = Factory.CreateCounter(
        "aicq_edge_region_replays_total",
        "Multi-region on Fly, by outcome: sent (a replica region answered fly-replay), received (a replay from Fly's proxy arrived in the primary region), refused (a replayed request reached a replica region again: 503, never another replay).",
        ["outcome"]);

    public static readonly Gauge UpstreamHealthy = Factory.CreateGauge(
        "aicq_edge_upstream_healthy", "1 while an API instance is in rotation, 0 while health checks keep it out.", ["destination"]);

    public static readonly Gauge FallbackActive = Factory.CreateGauge(
        "aicq_ratelimit_fallback_active", "1 while Redis is unreachable and each edge instance limits on its own, in memory.");

    private static MetricFactory CreateFactory()
    {
        var factory = Metrics.WithCustomRegistry(Metrics.DefaultRegistry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        return factory;
    }

    /// <summary>
    /// Publishes only the runtime's meter (GC, JIT, thread pool: the documented runtime metrics). prometheus-net
    /// otherwise turns every .NET meter into series, and Kestrel, hosting, routing and HttpClient record several
    /// measurements per proxied request: about a tenth of the edge's CPU per request, for series that nothing
    /// (dashboards, alerts, the bench) reads; aicq_edge_* counts and times requests. Call before the first scrape.
    /// </summary>
    public static void PublishRuntimeMetersOnly() =>
        Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = instrument => instrument.Meter.Name == "System.Runtime");
}
