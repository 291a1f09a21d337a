using System.Diagnostics;
using Aicq.StatusPage.Maintenance;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Statuspage;

/// <summary>
/// Our snapshot in the Statuspage format, every value mapping in one place. Statuspage has no "unknown": a component
/// whose data is stale or missing is <c>degraded_performance</c> (operational would hide a stalled prober, an outage
/// would be a false alarm), and an overall "unknown" is indicator <c>minor</c>. Components not monitored are left out.
/// </summary>
internal static class StatuspageMapping
{
    public const string PageId = "aicq";

    /// <summary>Statuspage wants a creation time; ours is the first time this process showed the component.</summary>
    private static readonly DateTimeOffset Started = new(Process.GetCurrentProcess().StartTime.ToUniversalTime());

    public static StatuspagePage Page(StatusSnapshot snapshot, Uri publicUrl) =>
        new(PageId, "AICQ", publicUrl.ToString(), "Etc/UTC", snapshot.GeneratedAt);

    public static StatuspageStatus Status(StatusSnapshot snapshot)
    {
        var states = snapshot.Components.Select(c => c.Status.State).ToList();
        return snapshot.Overall.State switch
        {
            ComponentState.Outage => new("critical", "Major Service Outage"),
            ComponentState.Degraded when states.Contains(ComponentState.Outage) => new("major", "Partial System Outage"),
            ComponentState.Degraded => new("minor", "Partially Degraded Service"),
            ComponentState.Unknown => new("minor", snapshot.Overall.Headline),
            _ when states.Contains(ComponentState.Maintenance) => new("none", "Service Under Maintenance"),
            _ => new("none", "All Systems Operational"),
        };
    }

    public static string ComponentStatusOf(ComponentState state) => state switch
    {
        ComponentState.Operational => "operational",
        ComponentState.Degraded => "degraded_performance",
        ComponentState.Outage => "major_outage",
        ComponentState.Maintenance => "under_maintenance",
        _ => "degraded_performance",
    };

    public static IReadOnlyList<StatuspageComponent> Components(StatusSnapshot snapshot) =>
        snapshot.Components.Where(c => c.Status.State != ComponentState.NotMonitored)
            .Select((c, index) => Component(c, index + 1, snapshot.GeneratedAt)).ToList();

    private static StatuspageComponent Component(ComponentView view, int position, DateTimeOffset now) => new(
        view.Info.Key, view.Info.Name, ComponentStatusOf(view.Status.State), Started < now ? Started : now, view.Status.CheckedAt ?? now,
        position, view.Info.Description, Showcase: true, StartDate: null, GroupId: null, PageId, Group: false, OnlyShowIfDegraded: false);

    public static IReadOnlyList<StatuspageIncident> Incidents(StatusSnapshot snapshot, Uri publicUrl, bool unresolvedOnly) =>
        snapshot.Incidents.Where(i => !unresolvedOnly || i.IsOpen)
            .OrderByDescending(i => i.StartedAt).Select(i => Incident(i, snapshot, publicUrl)).ToList();

    private static StatuspageIncident Incident(IncidentView incident, StatusSnapshot snapshot, Uri publicUrl)
    {
        var id = incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var components = Components(snapshot).Where(c => c.Id == incident.Component).ToList();
        var status = "investigating";
        var updates = new List<StatuspageIncidentUpdate>();
        foreach (var (update, index) in incident.Updates.OrderBy(u => u.At).Select((u, n) => (u, n)))
        {
            status = IncidentStatus(update.Kind, status);
            var affected = components.Select(c => new StatuspageAffectedComponent(c.Id, c.Name, c.Status, c.Status)).ToList();
            updates.Add(new StatuspageIncidentUpdate($"{id}-{index + 1}", status, update.Message, id, update.At, update.At, update.At,
                affected.Count > 0 ? affected : null, DeliverNotifications: false, CustomTweet: null, TweetId: null));
        }
        if (!incident.IsOpen) status = "resolved";
        updates.Reverse();   // Statuspage lists the newest update first.
        var updatedAt = incident.Updates.Select(u => u.At).Append(incident.ResolvedAt ?? incident.StartedAt).Max();
        return new StatuspageIncident(id, incident.Title, status, incident.StartedAt, updatedAt, MonitoringAt: null, incident.ResolvedAt,
            Impact(incident.Severity), new Uri(publicUrl, $"#incident-{id}").ToString(), incident.StartedAt, PageId, updates, components);
    }

    /// <summary>Timeline entry kinds to Statuspage incident statuses; a plain update keeps the status it follows.</summary>
    public static string IncidentStatus(string kind, string current) => kind switch
    {
        "opened" => "investigating",
        "acknowledged" or "identified" => "identified",
        "monitoring" => "monitoring",
        "resolved" => "resolved",
        _ => current,
    };

    public static string Impact(string severity) => severity switch
    {
        "critical" => "critical",
        "major" or "error" => "major",
        "warning" => "minor",
        _ => "none",
    };

    /// <summary>Running and coming windows (the snapshot holds no finished ones): <c>in_progress</c> or <c>scheduled</c>.</summary>
    public static IReadOnlyList<StatuspageIncident> Maintenances(StatusSnapshot snapshot, Uri publicUrl)
    {
        var all = Components(snapshot);
        return snapshot.Maintenance.OrderBy(m => m.StartsAt).Select(m =>
        {
            var id = $"maintenance-{m.Id}";
            var status = m.Active ? "in_progress" : "scheduled";
            var components = all.Where(c => m.Components.Contains(c.Id) || m.Components.Contains(MaintenanceWindow.Everything)).ToList();
            var affected = components.Select(c => new StatuspageAffectedComponent(c.Id, c.Name, "operational", "under_maintenance")).ToList();
            var update = new StatuspageIncidentUpdate($"{id}-1", status, m.Title, id, m.StartsAt, m.StartsAt, m.StartsAt,
                affected.Count > 0 ? affected : null, DeliverNotifications: false, CustomTweet: null, TweetId: null);
            return new StatuspageIncident(id, m.Title, status, m.StartsAt, m.StartsAt, MonitoringAt: null, ResolvedAt: null, "maintenance",
                new Uri(publicUrl, "#maintenance").ToString(), m.StartsAt, PageId, [update], components, m.StartsAt, m.EndsAt);
        }).ToList();
    }
}
