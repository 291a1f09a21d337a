using Aicq.ServiceDefaults.Telemetry;
using Prometheus;

namespace Aicq.Api.Telemetry;

/// <summary>Every metric the API exports, named as the monitoring rules and dashboards expect.</summary>
internal static class ApiMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    public static readonly HttpRequestMetrics Http = new("aicq", "HTTP", LatencyBuckets);

    public static readonly Counter AgentsRegistered = Metrics.CreateCounter(
        "aicq_agents_registered_total", "Agents registered (new keys only).");

    public static readonly Counter MessagesPosted = Metrics.CreateCounter(
        "aicq_messages_posted_total", "Room messages posted, by room type.", "room_type");

    public static readonly Counter DmsSent = Metrics.CreateCounter("aicq_dms_sent_total", "Direct messages sent.");

    public static readonly Counter SearchQueries = Metrics.CreateCounter("aicq_search_queries_total", "Search queries answered.");

    public static readonly Counter AuthFailures = Metrics.CreateCounter(
        "aicq_auth_failures_total", "Signed requests rejected, by reason.", "reason");

    public static readonly Histogram RedisLatency = Metrics.CreateHistogram(
        "aicq_redis_latency_seconds", "Latency of Redis operations.",
        new HistogramConfiguration { Buckets = LatencyBuckets });

    public static readonly Histogram PostgresLatency = Metrics.CreateHistogram(
        "aicq_postgres_latency_seconds", "Latency of PostgreSQL commands.",
        new HistogramConfiguration { Buckets = LatencyBuckets });

    public static readonly Gauge RoomCountsDeferred = Metrics.CreateGauge(
        "aicq_room_counts_deferred", "Posted messages not yet counted on their room because PostgreSQL was unavailable.");

    public static readonly Gauge RedisCircuitOpen = Metrics.CreateGauge(
        "aicq_redis_circuit_open", "1 while Redis work fails at once with 503 because a command timed out and no ping has got through since.");

    public static readonly Counter RoomKeyHashes = Metrics.CreateCounter(
        "aicq_room_key_hashes_total", "Slow hashes (PBKDF2) of a presented private-room key, by whether it matched.", "result");

    public static readonly Counter RoomKeyChecksRefused = Metrics.CreateCounter(
        "aicq_room_key_checks_refused_total", "Private-room key checks answered 429 before any hash ran: the client's limit for the room, or the hash pool full.", "reason");

    public static readonly Gauge RedisMemoryFull = Metrics.CreateGauge(
        "aicq_redis_memory_full", "1 while Redis used memory is past the high-water mark and new messages and DMs are refused with 503.");

    public static readonly Gauge ActiveConnections = Metrics.CreateGauge(
        "aicq_active_connections", "Open connections to each database.", "db");

    public static readonly Gauge OverloadInFlight = Metrics.CreateGauge(
        "aicq_overload_in_flight", "Requests running now under the load shedder's limit (probes and metrics are not counted).");

    public static readonly Gauge OverloadLimit = Metrics.CreateGauge(
        "aicq_overload_limit", "The load shedder's concurrency limit now, adapted to measured latency between its bounds.");

    public static readonly Gauge OverloadQueued = Metrics.CreateGauge(
        "aicq_overload_queued", "Requests waiting for a slot now, by priority.", "priority");

    public static readonly Gauge OverloadStandingQueue = Metrics.CreateGauge(
        "aicq_overload_standing_queue", "1 while the queue's waiting time has stayed above its target and sheddable requests are refused on arrival.");

    public static readonly Histogram OverloadSojourn = Metrics.CreateHistogram(
        "aicq_overload_queue_sojourn_seconds", "How long requests that had to wait waited, until admitted or refused.",
        new HistogramConfiguration { Buckets = LatencyBuckets });

    public static readonly Counter OverloadShed = Metrics.CreateCounter(
        "aicq_overload_shed_total", "Requests refused with 503 by the load shedder, by reason and priority.", "reason", "priority");
}
