namespace Aicq.StatusPage.Incidents;

/// <summary>
/// An incident opened by a firing alert (or kept for the record after it resolved). <see cref="Title"/> is the
/// alert's summary scrubbed of addresses and host names; <see cref="Description"/> is the raw text, for operators only.
/// </summary>
public sealed class Incident
{
    public int Id { get; set; }
    public required string Fingerprint { get; set; }
    public required string AlertName { get; set; }
    public required string ComponentLabel { get; set; }
    public required string Component { get; set; }
    public required string Severity { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The alert's labels as <c>name=value</c>, for operators (see <see cref="AlertEvidence"/> for the bounds).</summary>
    public string[] Labels { get; set; } = [];

    /// <summary>The alert's <c>runbook_url</c> annotation: the runbook section to follow.</summary>
    public string? RunbookUrl { get; set; }

    /// <summary>The alert's <c>generatorURL</c>: the Prometheus query that fired it.</summary>
    public string? GeneratorUrl { get; set; }

    /// <summary>For the synthetic agent's incidents: the X-Request-ID of recent failed calls, as the edge and API logged them.</summary>
    public string[] RequestIds { get; set; } = [];

    public List<IncidentUpdate> Updates { get; set; } = [];

    public bool IsOpen => ResolvedAt is null;

    /// <summary>
    /// Adds <paramref name="update"/> to the timeline (which must be loaded), keeping it at
    /// <see cref="IncidentUpdate.MaxPerIncident"/> entries: when full, the oldest entry after the opening one goes, so an
    /// incident that runs long or reopens keeps how it began and its latest news, and its stored rows stay bounded.
    /// </summary>
    public void Append(IncidentUpdate update)
    {
        if (Updates.Count >= IncidentUpdate.MaxPerIncident)
            // Entries not saved yet (id 0) are the newest.
            Updates.Remove(Updates.OrderBy(u => u.At).ThenBy(u => u.Id == 0 ? int.MaxValue : u.Id).Skip(1).First());
        Updates.Add(update);
    }
}

/// <summary>One entry of an incident's timeline.</summary>
public sealed class IncidentUpdate
{
    /// <summary>
    /// Entries one incident keeps (see <see cref="Incident.Append"/>); an operator's update beyond it is refused, while a
    /// resolution, and what the status page itself records of a gap, take the place of the oldest entry after the opening.
    /// </summary>
    public const int MaxPerIncident = 100;

    public const string Opened = "opened";
    public const string Acknowledged = "acknowledged";
    public const string Update = "update";
    public const string Resolved = "resolved";

    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
}
