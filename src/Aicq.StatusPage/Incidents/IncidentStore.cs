using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Aicq.StatusPage.Canary;
using Aicq.StatusPage.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Incidents from Alertmanager's webhook and operators' updates. A firing alert opens one incident per
/// (fingerprint, startsAt) — Alertmanager re-sends a group until it resolves, and a re-send must not open a second
/// one; a resolved notification closes the open incident with that fingerprint.
/// </summary>
internal sealed partial class IncidentStore(
    IDbContextFactory<StatusDbContext> contexts, PublicText publicText, TimeProvider clock, CanaryEvidence? canary = null)
{
    public const string AlertmanagerAuthor = "alertmanager";
    public const string OperatorAuthor = "operator";

    public async Task<WebhookResult> ApplyAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyOnceAsync(alerts, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent delivery opened the same incident first; the second pass sees it and skips it.
            return await ApplyOnceAsync(alerts, cancellationToken);
        }
    }

    private async Task<WebhookResult> ApplyOnceAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        int opened = 0, resolved = 0, ignored = 0;
        foreach (var alert in alerts)
        {
            var label = alert.Label("component");
            if (alert.IsHeartbeat || label is null) { ignored++; continue; }
            var fingerprint = alert.Fingerprint is { } given && WellFormedFingerprint().IsMatch(given) ? given : FingerprintOf(alert);
            if (alert.IsFiring)
            {
                var startedAt = Sane(alert.StartsAt, now) ?? now;
                var known = db.Incidents.Local.Any(i => i.Fingerprint == fingerprint && i.StartedAt == startedAt)
                    || await db.Incidents.AnyAsync(i => i.Fingerprint == fingerprint && i.StartedAt == startedAt, cancellationToken);
                if (known) { ignored++; continue; }
                db.Incidents.Add(Open(alert, label, fingerprint, startedAt, now));
                opened++;
            }
            else
            {
                var open = await db.Incidents.Include(i => i.Updates).Where(i => i.Fingerprint == fingerprint && i.ResolvedAt == null).ToListAsync(cancellationToken);
                if (open.Count == 0) { ignored++; continue; }
                foreach (var incident in open) Close(incident, Sane(alert.EndsAt, now) is { } end && end >= incident.StartedAt ? end : now, now);
                resolved += open.Count;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookResult(opened, resolved, ignored);
    }

    /// <summary>Open incidents and those resolved since <paramref name="since"/>, newest first, with their timelines.</summary>
    public async Task<IReadOnlyList<Incident>> ReadRecentAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Updates)
            .Where(i => i.ResolvedAt == null || i.ResolvedAt >= since)
            .OrderByDescending(i => i.StartedAt).Take(100)
            .ToListAsync(cancellationToken);
        foreach (var incident in incidents) incident.Updates = incident.Updates.OrderBy(u => u.At).ThenBy(u => u.Id).ToList();
        return incidents;
    }

    /// <summary>One incident with its timeline, or null.</summary>
    public async Task<Incident?> ReadAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Updates).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is not null) incident.Updates = incident.Updates.OrderBy(u => u.At).ThenBy(u => u.Id).ToList();
        return incident;
    }

    /// <summary>
    /// Adds an operator's update of <paramref name="kind"/> (and closes the incident when asked). Null incident when there is
    /// no such incident; <c>Full</c> when its timeline holds <see cref="IncidentUpdate.MaxPerIncident"/> entries and
    /// the update would not close it.
    /// </summary>
    public async Task<(Incident? Incident, bool Full)> AddUpdateAsync(int id, string kind, string message, bool resolve, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.Include(i => i.Updates).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null) return (null, false);
        var closes = resolve && incident.IsOpen;
        if (incident.Updates.Count >= IncidentUpdate.MaxPerIncident && !closes) return (incident, true);
        var now = clock.GetUtcNow();
        if (incident.Updates.Count < IncidentUpdate.MaxPerIncident)
            incident.Append(new IncidentUpdate { At = now, Kind = kind, Message = publicText.Scrub(message, 2000), Author = OperatorAuthor });
        if (closes) Close(incident, now, now, OperatorAuthor);
        await db.SaveChangesAsync(cancellationToken);
        incident.Updates = incident.Updates.OrderBy(u => u.At).ThenBy(u => u.Id).ToList();
        return (incident, false);
    }

    private Incident Open(AlertmanagerAlert alert, string label, string fingerprint, DateTimeOffset startedAt, DateTimeOffset now)
    {
        var alertName = alert.Label("alertname") ?? "alert";
        var title = publicText.Scrub(alert.Annotation("summary"));
        if (title.Length == 0) title = publicText.Scrub($"{alertName} is firing");
        var component = AlertComponents.Map(label);
        return new Incident
        {
            Fingerprint = fingerprint,
            AlertName = StoredText.Line(alertName, 200),
            ComponentLabel = StoredText.Line(label, 64),
            Component = component,
            Severity = SeverityOf(alert),
            Labels = AlertEvidence.Labels(alert),
            RunbookUrl = AlertEvidence.Link(alert.Annotation("runbook_url")),
            GeneratorUrl = AlertEvidence.Link(alert.GeneratorUrl),
            RequestIds = component == State.Catalog.Canary && canary is not null ? [.. canary.RecentFailures(AlertEvidence.MaxRequestIds)] : [],
            Title = title,
            Description = StoredText.Block(alert.Annotation("description"), 4000) is { Length: > 0 } description ? description : null,
            StartedAt = startedAt,
            CreatedAt = now,
            Updates = [new IncidentUpdate { At = now, Kind = IncidentUpdate.Opened, Message = $"Opened by the alert {publicText.Scrub(alertName, 100)}: {title}", Author = AlertmanagerAuthor }],
        };
    }

    private static void Close(Incident incident, DateTimeOffset at, DateTimeOffset now, string author = AlertmanagerAuthor)
    {
        incident.ResolvedAt = at;
        incident.Append(new IncidentUpdate
        {
            At = now,
            Kind = IncidentUpdate.Resolved,
            Message = author == AlertmanagerAuthor ? "The alert has cleared." : "Closed by an operator.",
            Author = author,
        });
    }

    /// <summary>
    /// Alertmanager sends 0001-01-01 for "unset"; a time far in the future is as useless. PostgreSQL keeps
    /// microseconds, so the time is cut to them before it is compared with a stored one.
    /// </summary>
    private static DateTimeOffset? Sane(DateTimeOffset? value, DateTimeOffset now) =>
        value is { } v && v.Year > 2000 && v <= now.AddMinutes(5) ? v.ToUniversalTime().AddTicks(-(v.Ticks % 10)) : null;

    private static string FingerprintOf(AlertmanagerAlert alert)
    {
        var labels = string.Join('\n', (alert.Labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(labels)))[..16];
    }

    /// <summary>Severity is shown on the page and in the feed: a word of the alert rules' kind, else "unknown".</summary>
    private static string SeverityOf(AlertmanagerAlert alert) =>
        alert.Label("severity") is { } severity && SeverityWord().IsMatch(severity) ? severity.ToLowerInvariant() : "unknown";

    /// <summary>Alertmanager's fingerprints are 16 hex digits; anything else is replaced by one made from the labels.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex WellFormedFingerprint();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex SeverityWord();
}
