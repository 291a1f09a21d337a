using System.Globalization;
using Aicq.StatusPage.Components;
using Aicq.StatusPage.Data;
using Aicq.StatusPage.History;
using Aicq.StatusPage.State;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Incidents the status page opens itself for a gap in its checks with evidence of an outage next to it (see
/// <see cref="CheckGap"/>): one per gap, from the gap's start; closed at the gap's end when the checks after it found the
/// public path working, else at the first check that does. A gap without such evidence opens nothing: it is unknown time.
/// </summary>
internal sealed class GapIncidents(IDbContextFactory<StatusDbContext> contexts)
{
    public const string AlertName = "ChecksGap";
    public const string Author = "status-page";
    private const string Fingerprint = "checks-gap";

    /// <summary>
    /// Opens or extends an incident for each gap this cycle closed with evidence of an outage, then closes open gap
    /// incidents if nothing on the public path is in outage now.
    /// </summary>
    /// <param name="gaps">The gaps this cycle closed (<see cref="HistoryStore.RecordAsync"/>).</param>
    public async Task ApplyAsync(IReadOnlyList<CheckGap> gaps, IReadOnlyList<ComponentStatus> current, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var gap in gaps.Where(g => g.HasOutageEvidence))
        {
            var incident = db.Incidents.Local.FirstOrDefault(i => i.Fingerprint == Fingerprint && i.StartedAt == gap.From)
                ?? await db.Incidents.Include(i => i.Updates).FirstOrDefaultAsync(i => i.Fingerprint == Fingerprint && i.StartedAt == gap.From, cancellationToken);
            if (incident is null)
            {
                incident = Open(gap, at);
                db.Incidents.Add(incident);
            }
            else
            {
                incident.Append(Update(at, IncidentUpdate.Update, Evidence(gap)));
                if (gap.OutageAfter) incident.ResolvedAt = null;
            }
        }
        if (!current.Any(s => CheckGaps.PublicPath.Contains(s.Key) && s.State == ComponentState.Outage))
        {
            await db.Incidents.Include(i => i.Updates).Where(i => i.AlertName == AlertName && i.ResolvedAt == null).LoadAsync(cancellationToken);
            foreach (var incident in db.Incidents.Local.Where(i => i.AlertName == AlertName && i.IsOpen).ToList()) Close(incident, at);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Incident Open(CheckGap gap, DateTimeOffset at)
    {
        var name = Catalog.NameOf(gap.Component);
        return new Incident
        {
            Fingerprint = Fingerprint,
            AlertName = AlertName,
            ComponentLabel = gap.Component,
            Component = gap.Component,
            Severity = "critical",
            Title = string.Create(CultureInfo.InvariantCulture,
                $"{name} outage around a gap in the status page's checks ({gap.From.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {gap.To.UtcDateTime:HH:mm:ss} UTC)"),
            Description = $"No check between {Format.Iso(gap.From)} and {Format.Iso(gap.To)}; that time counts as "
                + (gap.DownThroughout ? $"down for {gap.Component} (in outage on both sides)."
                    : gap.Probe.Count > 0 ? $"the blackbox probe found {gap.Component} where it has results (down while failing), else unknown in uptime."
                    : "unknown in uptime."),
            StartedAt = gap.From,
            CreatedAt = at,
            Updates = [Update(at, IncidentUpdate.Opened, Evidence(gap))],
        };
    }

    /// <summary>What the checks next to the gap, and the blackbox probe during it, found; and what is not known.</summary>
    private static string Evidence(CheckGap gap) => (gap.OutageBefore || gap.OutageAfter, gap.ProbeOutages.Count > 0) switch
    {
        (true, true) => $"{Checks(gap)} {Probe(gap)}",
        (false, true) => Probe(gap),
        _ => Checks(gap),
    };

    /// <summary>The blackbox probe's failing spans; the rest of the gap is what it found there, or unknown.</summary>
    private static string Probe(CheckGap gap)
    {
        var name = Catalog.NameOf(gap.Component);
        var spans = gap.ProbeOutages;
        var shown = string.Join(", ", spans.Take(5).Select(s => $"from {Format.Time(s.From)} to {Format.Time(s.To)}"));
        var more = spans.Count > 5 ? $" and {spans.Count - 5} more times" : "";
        var rest = gap.Probe.Count > spans.Count
            ? "the rest of the gap counts as it found it, and time it has no results for is unknown."
            : "the rest of the gap is unknown.";
        return $"The blackbox probe (Prometheus) saw {name} down {shown}{more} while the status page was not checking; {rest}";
    }

    private static string Checks(CheckGap gap)
    {
        var name = Catalog.NameOf(gap.Component);
        var (from, to) = (Format.Time(gap.From), Format.Time(gap.To));
        return (gap.OutageBefore, gap.OutageAfter) switch
        {
            (true, true) => $"{name} was in outage at the last check before the status page stopped checking ({from}) and still at the first check after ({to}).",
            (true, false) => $"{name} was in outage at the last check before the status page stopped checking ({from}) and {gap.After.Text().ToLowerInvariant()} at the first check after ({to}); when it recovered in between is unknown.",
            _ => $"{name} was {gap.Before.Text().ToLowerInvariant()} at the last check before the status page stopped checking ({from}) and in outage at the first check after ({to}); when the outage began in between is unknown.",
        };
    }

    private static void Close(Incident incident, DateTimeOffset at)
    {
        incident.ResolvedAt = at;
        incident.Append(Update(at, IncidentUpdate.Resolved, "The public path checks out again."));
    }

    private static IncidentUpdate Update(DateTimeOffset at, string kind, string message) =>
        new() { At = at, Kind = kind, Message = message, Author = Author };
}
