namespace Aicq.StatusPage.State;

/// <summary>What a component is doing right now. Stored as its number in the history table: never renumber.</summary>
public enum ComponentState
{
    Operational = 0,
    Degraded = 1,
    Outage = 2,
    Maintenance = 3,
    NotMonitored = 4,
    Unknown = 5,
}

/// <summary>The words and symbols a state is shown with, so that no state relies on colour alone.</summary>
public static class ComponentStates
{
    public static string Text(this ComponentState state) => state switch
    {
        ComponentState.Operational => "Operational",
        ComponentState.Degraded => "Degraded",
        ComponentState.Outage => "Outage",
        ComponentState.Maintenance => "Maintenance",
        ComponentState.NotMonitored => "Not monitored",
        _ => "No data yet",
    };

    /// <summary>The machine name used in JSON, CSS classes and data attributes.</summary>
    public static string Slug(this ComponentState state) => state switch
    {
        ComponentState.Operational => "operational",
        ComponentState.Degraded => "degraded",
        ComponentState.Outage => "outage",
        ComponentState.Maintenance => "maintenance",
        ComponentState.NotMonitored => "not_monitored",
        _ => "unknown",
    };

    public static string Symbol(this ComponentState state) => state switch
    {
        ComponentState.Operational => "✓",
        ComponentState.Degraded => "!",
        ComponentState.Outage => "✕",
        ComponentState.Maintenance => "⚒",
        ComponentState.NotMonitored => "–",
        _ => "?",
    };

    /// <summary>Higher is worse; used to pick the state that describes a group of results.</summary>
    public static int Severity(this ComponentState state) => state switch
    {
        ComponentState.Outage => 3,
        ComponentState.Degraded => 2,
        ComponentState.Unknown => 1,
        _ => 0,
    };

    /// <summary>True when the state counts as a problem for the overall status.</summary>
    public static bool IsProblem(this ComponentState state) => state is ComponentState.Degraded or ComponentState.Outage;
}
