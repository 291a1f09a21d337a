using System.Security.Cryptography;
using System.Text;
using Aicq.StatusPage.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Incidents from Alertmanager's webhook and operators' updates. A firing alert opens one incident per
/// (fingerprint, startsAt) — Alertmanager re-sends a group until it resolves, and a re-send must not open a second
/// one; a resolved notification closes the open incident with that fingerprint.
/// </summary>
internal sealed class IncidentStore(IDbContextFactory<StatusDbContext> contexts, PublicText publicText, TimeProvider clock)
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
            var fingerprint = alert.Fingerprint is { Length: > 0 and <= 64 } given ? given : FingerprintOf(alert);
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
                var open = await db.Incidents.Where(i => i.Fingerprint == fingerprint && i.ResolvedAt == null).ToListAsync(cancellationToken);
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

    /// <summary>Adds an operator's update (and closes the incident when asked); null when there is no such incident.</summary>
    public async Task<Incident?> AddUpdateAsync(int id, string message, bool resolve, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.Include(i => i.Updates).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null) return null;
        var now = clock.GetUtcNow();
        incident.Updates.Add(new IncidentUpdate { At = now, Kind = IncidentUpdate.Update, Message = publicText.Scrub(message, 2000), Author = OperatorAuthor });
        if (resolve && incident.IsOpen) Close(incident, now, now, OperatorAuthor);
        await db.SaveChangesAsync(cancellationToken);
        return incident;
    }

    private Incident Open(AlertmanagerAlert alert, string label, string fingerprint, DateTimeOffset startedAt, DateTimeOffset now)
    {
        var alertName = alert.Label("alertname") ?? "alert";
        var title = publicText.Scrub(alert.Annotation("summary"));
        if (title.Length == 0) title = publicText.Scrub($"{alertName} is firing");
        return new Incident
        {
            Fingerprint = fingerprint,
            AlertName = Cut(alertName, 200),
            ComponentLabel = Cut(label, 64),
            Component = AlertComponents.Map(label),
            Severity = Cut(alert.Label("severity") ?? "unknown", 32),
            Title = title,
            Description = alert.Annotation("description") is { } description ? Cut(description, 4000) : null,
            StartedAt = startedAt,
            CreatedAt = now,
            Updates = [new IncidentUpdate { At = now, Kind = IncidentUpdate.Opened, Message = title, Author = AlertmanagerAuthor }],
        };
    }

    private static void Close(Incident incident, DateTimeOffset at, DateTimeOffset now, string author = AlertmanagerAuthor)
    {
        incident.ResolvedAt = at;
        incident.Updates.Add(new IncidentUpdate
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

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
