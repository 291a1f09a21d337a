using Aicq.StatusPage.State;

namespace Aicq.StatusPage.History;

/// <summary>
/// A public-path component (edge, API, synthetic agent) went unchecked for longer than
/// <see cref="Settings.HistorySettings.GapAfter"/>: the status page, or its database, was away. What happened in
/// between is unknown; the checks on either side of the gap are the only evidence.
/// </summary>
/// <remarks>
/// Found in outage on both sides, the component is counted as down throughout the gap: nothing says it ever worked
/// in between. Otherwise the gap is unknown time, and an outage on one side only is told by an incident. For the edge,
/// the blackbox probe's results in Prometheus over the gap are evidence too (<see cref="Probe"/>, <see cref="GapEvidence"/>).
/// </remarks>
public sealed record CheckGap(string Component, DateTimeOffset From, DateTimeOffset To, ComponentState Before, ComponentState After)
{
    public bool OutageBefore => Before == ComponentState.Outage;

    public bool OutageAfter => After == ComponentState.Outage;

    /// <summary>What the blackbox probe saw during the gap (edge only; empty when Prometheus has nothing to say).</summary>
    public IReadOnlyList<EvidenceSpan> Probe { get; init; } = [];

    public IReadOnlyList<EvidenceSpan> ProbeOutages => Probe.Where(s => s.State == ComponentState.Outage).ToList();

    /// <summary>An outage touches the gap only when a check next to it, or the blackbox probe during it, found one; otherwise the gap is just unknown time.</summary>
    public bool HasOutageEvidence => OutageBefore || OutageAfter || ProbeOutages.Count > 0;

    public bool DownThroughout => OutageBefore && OutageAfter;
}

/// <summary>Finds the gaps a check cycle closes. Pure, so the rule is tested without a database.</summary>
public static class CheckGaps
{
    public static readonly IReadOnlyList<string> PublicPath = Catalog.All.Where(c => c.OnPublicPath).Select(c => c.Key).ToList();

    /// <param name="last">The last recorded check of each public-path component before this cycle.</param>
    /// <param name="current">The states this cycle records.</param>
    public static IReadOnlyList<CheckGap> Find(
        IReadOnlyDictionary<string, (DateTimeOffset At, ComponentState State)> last, IEnumerable<ComponentStatus> current, DateTimeOffset at, TimeSpan gapAfter) =>
        current
            .Where(s => PublicPath.Contains(s.Key) && s.State.IsRecorded() && last.ContainsKey(s.Key) && at - last[s.Key].At > gapAfter)
            .Select(s => new CheckGap(s.Key, last[s.Key].At, at, last[s.Key].State, s.State))
            .ToList();
}
