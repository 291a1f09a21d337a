namespace Aicq.StatusPage.State;

/// <summary>
/// One observed part of a component (an API instance, a canary step, a dependency as one instance sees it).
/// <see cref="Reason"/> is always public-safe text from a fixed vocabulary, never a raw error.
/// </summary>
public sealed record CheckPart(string Name, ComponentState State, string? Reason, double? LatencyMs);

/// <summary>The state of one component at one moment, with why and how fast.</summary>
public sealed record ComponentStatus(
    string Key,
    ComponentState State,
    string? Reason,
    double? LatencyMs,
    DateTimeOffset? CheckedAt,
    IReadOnlyList<CheckPart> Parts)
{
    /// <summary>True when the newest check is too old to believe (<see cref="Freshness"/>); the state is then unknown.</summary>
    public bool Stale { get; init; }

    public static ComponentStatus NotMonitored(string key) =>
        new(key, ComponentState.NotMonitored, "Not configured on this installation", null, null, []);

    public static ComponentStatus Waiting(string key) =>
        new(key, ComponentState.Unknown, "Waiting for the first check", null, null, []);
}
