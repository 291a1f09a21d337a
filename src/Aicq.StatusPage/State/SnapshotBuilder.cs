using Aicq.StatusPage.History;

namespace Aicq.StatusPage.State;

/// <summary>What the status page observed itself, as opposed to what it stored.</summary>
public sealed record LiveState(
    IReadOnlySet<string> Monitored,
    IReadOnlyDictionary<string, ComponentStatus> Observed,
    DateTimeOffset? LastHeartbeat);

/// <summary>
/// Combines live observations, maintenance, incidents and history into one snapshot. Pure, so the state logic is
/// tested without a network or a database.
/// </summary>
public static class SnapshotBuilder
{
    /// <summary>Alertmanager repeats the Watchdog every minute; five minutes of silence means delivery is broken.</summary>
    public static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> PublicPath = Catalog.All.Where(c => c.OnPublicPath).Select(c => c.Key).ToHashSet();

    public static StatusSnapshot Build(
        LiveState live, IReadOnlyList<IncidentView> incidents, IReadOnlyList<MaintenanceView> maintenance,
        IReadOnlyDictionary<string, ComponentHistory>? history, DateTimeOffset now, Freshness? freshness = null)
    {
        var components = Catalog.All.Select(info =>
        {
            var status = !live.Monitored.Contains(info.Key)
                ? ComponentStatus.NotMonitored(info.Key)
                : live.Observed.GetValueOrDefault(info.Key) is { } observed ? (freshness ?? Freshness.Default).Apply(observed, now) : ComponentStatus.Waiting(info.Key);
            if (info.Key == Catalog.Alertmanager && live.LastHeartbeat is { } heartbeat && live.Monitored.Contains(info.Key))
                status = WithHeartbeat(status, heartbeat, now);
            var window = maintenance.FirstOrDefault(m => m.Active && (m.Components.Contains(info.Key) || m.Components.Contains(Maintenance.MaintenanceWindow.Everything)));
            if (window is not null)
                status = status with { State = ComponentState.Maintenance, Reason = $"Scheduled maintenance: {window.Title} (until {window.EndsAt:yyyy-MM-dd HH:mm} UTC)" };
            var open = incidents.Where(i => i.IsOpen && i.Component == info.Key).Select(i => i.Id).ToList();
            return new ComponentView(info, status, history?.GetValueOrDefault(info.Key) ?? ComponentHistory.Empty(now), open);
        }).ToList();
        return new StatusSnapshot(now, Overall(components, incidents), components, incidents, maintenance, history is not null);
    }

    public static OverallStatus Overall(IReadOnlyList<ComponentView> components, IReadOnlyList<IncidentView> incidents)
    {
        var monitored = components.Where(c => c.Status.State != ComponentState.NotMonitored).ToList();
        var problems = monitored.Where(c => c.Status.State.IsProblem())
            .OrderByDescending(c => c.Status.State.Severity()).ToList();
        var critical = incidents.Where(i => i.IsOpen && i.Severity == "critical").ToList();
        var reason = problems.Count > 0
            ? string.Join("; ", problems.Select(c => $"{c.Info.Name}: {c.Status.State.Text().ToLowerInvariant()}{(c.Status.Reason is null ? "" : $" ({c.Status.Reason})")}"))
            : null;
        if (problems.Any(c => c.Status.State == ComponentState.Outage && PublicPath.Contains(c.Info.Key)))
            return new OverallStatus(ComponentState.Outage, "Major outage", reason);
        if (problems.Count > 0)
            return new OverallStatus(ComponentState.Degraded, "Degraded service", reason);
        if (critical.Count > 0)
            return new OverallStatus(ComponentState.Degraded, "Degraded service", $"Open incident: {critical[0].Title}");
        var stale = monitored.Where(c => c.Status.Stale).Select(c => c.Info.Name).ToList();
        if (stale.Count > 0)
            return new OverallStatus(ComponentState.Unknown, "Status unknown", $"No recent checks of {string.Join(", ", stale)}: the checks may be stalled.");
        if (monitored.Count == 0)
            return new OverallStatus(ComponentState.Unknown, "Nothing is monitored", "No component is configured on this installation.");
        if (monitored.All(c => c.Status.State == ComponentState.Unknown))
            return new OverallStatus(ComponentState.Unknown, "Checking…", "Waiting for the first checks.");
        var inMaintenance = monitored.Where(c => c.Status.State == ComponentState.Maintenance).Select(c => c.Info.Name).ToList();
        return new OverallStatus(ComponentState.Operational, "All systems operational",
            inMaintenance.Count > 0 ? $"Scheduled maintenance in progress: {string.Join(", ", inMaintenance)}" : null);
    }

    private static ComponentStatus WithHeartbeat(ComponentStatus status, DateTimeOffset heartbeat, DateTimeOffset now)
    {
        var silent = now - heartbeat;
        var late = silent > HeartbeatTolerance;
        var part = new CheckPart("Alert delivery (heartbeat)", late ? ComponentState.Degraded : ComponentState.Operational,
            late ? $"no heartbeat for {(int)silent.TotalMinutes} min" : null, null);
        var degrade = late && status.State == ComponentState.Operational;
        return status with
        {
            State = degrade ? ComponentState.Degraded : status.State,
            Reason = degrade ? part.Reason : status.Reason,
            Parts = [.. status.Parts, part],
        };
    }
}
