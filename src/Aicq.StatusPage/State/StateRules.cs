using Aicq.StatusPage.Probing;

namespace Aicq.StatusPage.State;

/// <summary>
/// Turns probe observations into component states. Pure functions, so every rule is tested without a network:
/// nothing answering is an outage; answering but reporting failing checks, an error status or a slow answer is
/// degraded. Dependencies seen only through the API's checks are at worst degraded: the page cannot tell a dead
/// server from a broken path to it, and says whose report it is.
/// </summary>
public static class StateRules
{
    /// <summary>A service probed directly (API instance, Prometheus, Alertmanager, Grafana, Loki).</summary>
    public static (ComponentState State, string? Reason) Direct(ProbeObservation probe, TimeSpan slow)
    {
        if (!probe.Answered) return (ComponentState.Outage, probe.Failure ?? "not reachable");
        var status = probe.StatusCode!.Value;
        var failing = probe.Body.Checks.Where(c => !c.Value.Passing).Select(c => c.Key).ToList();
        if (probe.Body.Verdict == BodyVerdict.Degraded || (failing.Count > 0 && status >= 500))
            return (ComponentState.Degraded, failing.Count > 0 ? $"reports failing checks: {string.Join(", ", failing)}" : "reports itself unhealthy");
        if (status >= 500) return (ComponentState.Degraded, $"answers {FailureText.Of((System.Net.HttpStatusCode)status)}");
        if (status is < 200 or >= 300) return (ComponentState.Outage, $"unexpected answer ({FailureText.Of((System.Net.HttpStatusCode)status)})");
        if (probe.LatencyMs > slow.TotalMilliseconds) return (ComponentState.Degraded, $"slow response ({probe.LatencyMs / 1000:0.0} s)");
        return (ComponentState.Operational, null);
    }

    /// <summary>
    /// The public edge: forwarding the API's own health answer (even a 503 "degraded") means the edge works;
    /// a gateway error without that answer means it cannot reach the API behind it.
    /// </summary>
    public static ComponentStatus Edge(ProbeObservation probe, TimeSpan slow, DateTimeOffset at)
    {
        var (state, reason) = probe.Body.IsAicqHealth && probe.StatusCode is 200 or 503
            ? (probe.LatencyMs > slow.TotalMilliseconds ? ComponentState.Degraded : ComponentState.Operational,
               probe.LatencyMs > slow.TotalMilliseconds ? $"slow response ({probe.LatencyMs / 1000:0.0} s)" : null)
            : probe.StatusCode is 502 or 503 or 504
                ? (ComponentState.Degraded, "cannot reach the API behind it")
                : Direct(probe, slow);
        return new ComponentStatus(Catalog.Edge, state, reason, probe.LatencyMs, at, []);
    }

    public static ComponentStatus Single(string key, ProbeObservation probe, TimeSpan slow, DateTimeOffset at)
    {
        var (state, reason) = Direct(probe, slow);
        return new ComponentStatus(key, state, reason, probe.LatencyMs, at, []);
    }

    /// <summary>
    /// Alertmanager: answering is not enough, it must page someone. <paramref name="onCallIntegrations"/> is how many
    /// integrations its on-call receiver has in the configuration it loaded (null: that could not be read).
    /// </summary>
    public static ComponentStatus Alertmanager(ProbeObservation probe, int? onCallIntegrations, TimeSpan slow, DateTimeOffset at)
    {
        var (state, reason) = Direct(probe, slow);
        if (state == ComponentState.Operational)
            (state, reason) = onCallIntegrations switch
            {
                null => (ComponentState.Degraded, "its configuration could not be read"),
                0 => (ComponentState.Degraded, "no on-call receiver configured"),
                _ => (state, reason),
            };
        return new ComponentStatus(Catalog.Alertmanager, state, reason, probe.LatencyMs, at, []);
    }

    /// <summary>The API component over all its instances (named "Instance 1", "Instance 2" … never by address).</summary>
    public static ComponentStatus Api(IReadOnlyList<ProbeObservation> instances, TimeSpan slow, DateTimeOffset at)
    {
        var parts = instances.Select((probe, i) =>
        {
            var (state, reason) = Direct(probe, slow);
            return new CheckPart($"Instance {i + 1}", state, reason, probe.LatencyMs);
        }).ToList();
        var down = parts.Count(p => p.State == ComponentState.Outage);
        var latency = Average(parts.Where(p => p.State != ComponentState.Outage).Select(p => p.LatencyMs));
        if (down == parts.Count)
            return new(Catalog.Api, ComponentState.Outage, parts.Count == 1 ? $"not answering: {parts[0].Reason}" : "no instance answers", null, at, parts);
        if (down > 0)
            return new(Catalog.Api, ComponentState.Degraded, $"{down} of {parts.Count} instances not answering", latency, at, parts);
        var degraded = parts.FirstOrDefault(p => p.State == ComponentState.Degraded);
        return degraded is null
            ? new(Catalog.Api, ComponentState.Operational, null, latency, at, parts)
            : new(Catalog.Api, ComponentState.Degraded, parts.Count == 1 ? degraded.Reason : $"{degraded.Name} {degraded.Reason}", latency, at, parts);
    }

    /// <summary>A dependency (PostgreSQL, Redis) as the API instances that answered report it.</summary>
    public static ComponentStatus Dependency(string key, IReadOnlyList<ProbeObservation> instances, DateTimeOffset at)
    {
        var parts = new List<CheckPart>();
        for (var i = 0; i < instances.Count; i++)
        {
            if (!instances[i].Body.Checks.TryGetValue(key, out var report)) continue;
            parts.Add(new CheckPart($"As seen by instance {i + 1}", report.Passing ? ComponentState.Operational : ComponentState.Degraded,
                report.Passing ? null : report.Message, report.LatencyMs));
        }
        if (parts.Count == 0)
            return new(key, ComponentState.Unknown, "no API instance reported on it", null, at, []);
        var latency = Average(parts.Select(p => p.LatencyMs));
        var failing = parts.FirstOrDefault(p => p.State != ComponentState.Operational);
        return failing is null
            ? new(key, ComponentState.Operational, null, latency, at, parts)
            : new(key, ComponentState.Degraded, $"the API reports it failing ({failing.Reason})", latency, at, parts);
    }

    private static double? Average(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : known.Average();
    }
}
