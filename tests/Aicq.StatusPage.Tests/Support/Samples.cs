namespace Aicq.StatusPage.Tests.Support;

/// <summary>Probe observations and snapshots for the state-logic and rendering tests.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    public static ProbeObservation Healthy(double ms = 12) => Api(200, ms, ("postgres", true), ("redis", true));

    public static ProbeObservation Api(int status, double ms, params (string Name, bool Passing)[] checks) => new(status, ms, null,
        new HealthBody(checks.All(c => c.Passing) ? BodyVerdict.Healthy : BodyVerdict.Degraded,
            checks.ToDictionary(c => c.Name, c => new DependencyReport(c.Passing, 1.5, c.Passing ? null : "unreachable")), IsAicqHealth: true));

    public static ProbeObservation Plain(int status, double ms = 5) => new(status, ms, null, HealthBody.None);

    public static ComponentStatus Status(string key, ComponentState state, string? reason = null, params CheckPart[] parts) =>
        new(key, state, reason, 10, Now, parts);

    public static LiveState Live(params ComponentStatus[] observed) => new(
        observed.Select(o => o.Key).ToHashSet(), observed.ToDictionary(o => o.Key), null);

    public static StatusSnapshot Snapshot(
        IReadOnlyList<ComponentStatus> observed, IReadOnlyList<IncidentView>? incidents = null, IReadOnlyList<MaintenanceView>? maintenance = null) =>
        SnapshotBuilder.Build(Live([.. observed]), incidents ?? [], maintenance ?? [], new Dictionary<string, ComponentHistory>(), Now);

    public static StatusSnapshot AllOperational() => Snapshot(
        [.. new[] { Catalog.Api, Catalog.Postgres, Catalog.Redis, Catalog.Canary }.Select(k => Status(k, ComponentState.Operational))]);

    public static IncidentView Incident(int id, string title, string component = Catalog.Api, string severity = "critical", bool open = true) => new(
        id, title, component, severity, Now.AddMinutes(-30), open ? null : Now.AddMinutes(-5),
        [new UpdateView(Now.AddMinutes(-30), "opened", title), .. open ? Array.Empty<UpdateView>() : new[] { new UpdateView(Now.AddMinutes(-5), "resolved", "The alert has cleared.") }]);
}
