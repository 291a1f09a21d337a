using Aicq.Api.Telemetry;

namespace Aicq.Api.Overload;

/// <summary>The load shedder's state as metrics; every label is one of a fixed few, all written once at start so rates start at 0.</summary>
internal static class OverloadMetrics
{
    private static readonly Prometheus.Gauge.Child[] Queued = [.. RequestPriorities.All.Select(p => ApiMetrics.OverloadQueued.WithLabels(p.Label()))];

    private static readonly Prometheus.Counter.Child[,] ShedCounts = ShedChildren();

    private static Prometheus.Counter.Child[,] ShedChildren()
    {
        var children = new Prometheus.Counter.Child[ShedReasons.All.Length, RequestPriorities.All.Length];
        foreach (var reason in ShedReasons.All)
            foreach (var priority in RequestPriorities.All)
                children[(int)reason, (int)priority] = ApiMetrics.OverloadShed.WithLabels(reason.Label(), priority.Label());
        return children;
    }

    public static void Publish(int inFlight, int limit, LinkedList<AdmissionGate.Waiter>[] queues, bool standing)
    {
        ApiMetrics.OverloadInFlight.Set(inFlight);
        ApiMetrics.OverloadLimit.Set(limit);
        ApiMetrics.OverloadStandingQueue.Set(standing ? 1 : 0);
        for (var priority = 0; priority < Queued.Length; priority++) Queued[priority].Set(queues[priority].Count);
    }

    public static void Waited(TimeSpan sojourn) => ApiMetrics.OverloadSojourn.Observe(sojourn.TotalSeconds);

    public static void Shed(ShedReason reason, RequestPriority priority) =>
        ShedCounts[(int)reason, (int)priority].Inc();
}
