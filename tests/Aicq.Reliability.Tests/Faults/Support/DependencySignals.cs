namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>What operators and the edge must see while a dependency (postgres or redis) is down, and again after.</summary>
public static class DependencySignals
{
    /// <summary>Both instances were seen not ready, /health 503, the dependency's gauge at 0 and out of the edge's rotation.</summary>
    public static bool AllSeenBad(HealthWatch watch, string dependency, TimeSpan from, TimeSpan to) =>
        Enumerable.Range(0, 2).All(i =>
            watch.Saw(i, HealthWatch.Ready, 503, from, to) && watch.Saw(i, HealthWatch.Health, 503, from, to)
            && watch.Saw(i, "gauge:" + dependency, 0, from, to) && watch.Saw(i, HealthWatch.Edge, 0, from, to));

    /// <summary>Adds the checks of the signals during the fault, and how long after its return they were all good again.</summary>
    public static void Check(Verdict verdict, HealthWatch watch, string dependency, TimeSpan from, TimeSpan to, TimeSpan goodAgainAfter)
    {
        string Seen(string signal, double value) =>
            $"{Enumerable.Range(0, 2).Count(i => watch.Saw(i, signal, value, from, to))}/2";
        verdict.Check(AllSeenBad(watch, dependency, from, to),
            $"during the fault: readiness 503 on {Seen(HealthWatch.Ready, 503)} instances, /health 503 on {Seen(HealthWatch.Health, 503)}, " +
            $"aicq_health_check_status{{check=\"{dependency}\"}} 0 on {Seen("gauge:" + dependency, 0)}, aicq_edge_upstream_healthy 0 on {Seen(HealthWatch.Edge, 0)}");
        // The gauge is published every 10 s, so "good again" may lag the dependency by that much.
        verdict.Check(goodAgainAfter <= TimeSpan.FromSeconds(15),
            $"readiness, /health, gauges and edge rotation all good again {Outcomes.Seconds(goodAgainAfter)} after it returned");
    }
}
