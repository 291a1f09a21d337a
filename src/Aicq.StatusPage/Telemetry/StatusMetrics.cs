using Aicq.StatusPage.State;
using Aicq.ServiceDefaults.Telemetry;
using Prometheus;

namespace Aicq.StatusPage.Telemetry;

/// <summary>
/// The page's verdicts as metrics: <c>aicq_status_component_state{component,state}</c> is 1 for the component's
/// current state and 0 for the others (components not monitored are left out), and
/// <c>aicq_status_overall_state{state}</c> likewise for the headline.
/// </summary>
internal static class StatusMetrics
{
    public static readonly HttpRequestMetrics Http = new("aicq_status", "Status page HTTP", [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

    private static readonly ComponentState[] Exported =
        [ComponentState.Operational, ComponentState.Degraded, ComponentState.Outage, ComponentState.Maintenance, ComponentState.Unknown];

    private static readonly Gauge Component = Metrics.CreateGauge(
        "aicq_status_component_state", "Current state of each monitored component as the status page shows it (1 for the current state).",
        "component", "state");

    private static readonly Gauge Overall = Metrics.CreateGauge(
        "aicq_status_overall_state", "The status page's headline state (1 for the current state).", "state");

    private static readonly Gauge CheckAge = Metrics.CreateGauge(
        "aicq_status_check_age_seconds", "Seconds since the newest check of each monitored component (grows while the checks are stalled).", "component");

    private static readonly Gauge CheckInterval = Metrics.CreateGauge(
        "aicq_status_check_interval_seconds", "How often each monitored component is checked.", "component");

    /// <summary>Sets the check ages at every scrape, so they grow even when nothing else on the page moves.</summary>
    public static void WatchCheckAges(StatusBoard board) => Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
    {
        foreach (var (component, age, interval) in board.CheckAges())
        {
            CheckAge.WithLabels(component).Set(age);
            CheckInterval.WithLabels(component).Set(interval);
        }
    });

    public static void Publish(StatusSnapshot snapshot)
    {
        foreach (var view in snapshot.Components.Where(c => c.Status.State != ComponentState.NotMonitored))
            foreach (var state in Exported)
                Component.WithLabels(view.Info.Key, state.Slug()).Set(view.Status.State == state ? 1 : 0);
        foreach (var state in Exported)
            Overall.WithLabels(state.Slug()).Set(snapshot.Overall.State == state ? 1 : 0);
    }
}
