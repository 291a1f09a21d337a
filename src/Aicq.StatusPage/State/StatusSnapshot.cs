using Aicq.StatusPage.History;

namespace Aicq.StatusPage.State;

/// <summary>The page's headline: operational, degraded or outage, and why.</summary>
public sealed record OverallStatus(ComponentState State, string Headline, string? Reason);

/// <summary>One entry of an incident's public timeline.</summary>
public sealed record UpdateView(DateTimeOffset At, string Kind, string Message);

/// <summary>An incident as the public sees it: scrubbed title and timeline, no raw alert text.</summary>
public sealed record IncidentView(
    int Id, string Title, string Component, string Severity, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<UpdateView> Updates)
{
    public bool IsOpen => ResolvedAt is null;
    public string ComponentName => Catalog.NameOf(Component);
}

/// <summary>A maintenance window that is running or coming up; <see cref="Silence"/> is null when windows silence no alerts.</summary>
public sealed record MaintenanceView(
    int Id, string Title, IReadOnlyList<string> Components, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Active,
    Maintenance.SilenceState? Silence = null)
{
    public string ComponentNames => Components.Contains(Maintenance.MaintenanceWindow.Everything)
        ? "all components"
        : string.Join(", ", Components.Select(Catalog.NameOf));
}

/// <summary>A component with its current state (maintenance applied), its history and its open incidents.</summary>
public sealed record ComponentView(ComponentInfo Info, ComponentStatus Status, ComponentHistory History, IReadOnlyList<int> OpenIncidentIds);

/// <summary>Everything the public views show, built at once so they all agree.</summary>
public sealed record StatusSnapshot(
    DateTimeOffset GeneratedAt,
    OverallStatus Overall,
    IReadOnlyList<ComponentView> Components,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<MaintenanceView> Maintenance,
    bool HistoryAvailable)
{
    public IEnumerable<IncidentView> OpenIncidents => Incidents.Where(i => i.IsOpen);

    public IEnumerable<IncidentView> ResolvedIncidents => Incidents.Where(i => !i.IsOpen);

    public ComponentView? Find(string key) => Components.FirstOrDefault(c => c.Info.Key == key);
}

/// <summary>Where the page gets snapshots from, and hears about new ones (the live board, or a fake in tests).</summary>
public interface IStatusSource
{
    StatusSnapshot Current { get; }

    event Action? Changed;
}
