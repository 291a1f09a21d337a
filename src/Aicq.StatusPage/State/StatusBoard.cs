using System.Collections.Concurrent;
using Aicq.StatusPage.Data;
using Aicq.StatusPage.History;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.Maintenance;
using Aicq.StatusPage.Telemetry;

namespace Aicq.StatusPage.State;

/// <summary>
/// The one place the current status lives. Probes and the canary report here; stored data (incidents, maintenance,
/// history) is reloaded when it may have changed; every rebuild yields a new immutable snapshot and raises
/// <see cref="Changed"/>, which connected pages use to update live. If the database is away the live state keeps
/// updating on the last stored data.
/// </summary>
internal sealed partial class StatusBoard(
    IncidentStore incidents, MaintenanceStore maintenance, MaintenanceSilences silences, HistoryStore history, MonitoredComponents monitored,
    Freshness freshness, TimeProvider clock, ILogger<StatusBoard> logger) : IStatusSource
{
    private static readonly TimeSpan IncidentHistory = TimeSpan.FromDays(14);

    private readonly ConcurrentDictionary<string, ComponentStatus> _observed = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _heartbeatTicks;
    private IReadOnlyList<IncidentView> _incidents = [];
    private IReadOnlyList<MaintenanceView> _maintenance = [];
    private IReadOnlyDictionary<string, ComponentHistory>? _history;
    private bool _storeAvailable;
    private StatusSnapshot? _current;

    public StatusSnapshot Current => _current ?? Build();

    public event Action? Changed;

    public void Observe(ComponentStatus status) => _observed[status.Key] = status;

    public void RecordHeartbeat() => Interlocked.Exchange(ref _heartbeatTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>Rebuilds the snapshot; with <paramref name="reloadStored"/> it first rereads incidents, maintenance and history.</summary>
    public async Task RefreshAsync(bool reloadStored, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (reloadStored && history.IsReady) await ReloadAsync(cancellationToken);
            _current = Build();
            StatusMetrics.Publish(_current);
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Rebuilds the snapshot when none was built for <paramref name="age"/>, without waiting for a refresh in progress:
    /// that refresh may be the thing that is stuck, and the page must still say its checks are stale.
    /// </summary>
    public void RebuildIfOlderThan(TimeSpan age)
    {
        if (_current is { } current && clock.GetUtcNow() - current.GeneratedAt < age) return;
        _current = Build();
        StatusMetrics.Publish(_current);
        Changed?.Invoke();
    }

    /// <summary>Seconds since each monitored component's newest check, and its check interval (for the stalled-checks alert).</summary>
    public IEnumerable<(string Component, double AgeSeconds, double IntervalSeconds)> CheckAges()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, status) in _observed)
            if (monitored.Keys.Contains(key) && status.CheckedAt is { } at)
                yield return (key, Math.Max(0, (now - at).TotalSeconds), freshness.IntervalOf(key).TotalSeconds);
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var recent = await incidents.ReadRecentAsync(now - IncidentHistory, cancellationToken);
            _incidents = recent.Select(i => new IncidentView(i.Id, i.Title, i.Component, i.Severity, i.StartedAt, i.ResolvedAt,
                i.Updates.Select(u => new UpdateView(u.At, u.Kind, u.Message)).ToList())).ToList();
            var windows = await maintenance.ReadCurrentAsync(cancellationToken);
            _maintenance = windows.Select(w => new MaintenanceView(w.Id, w.Title, w.Components, w.StartsAt, w.EndsAt, w.IsActiveAt(now), silences.StateOf(w))).ToList();
            _history = await history.ReadAsync(now, cancellationToken);
            _storeAvailable = true;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            // The last history stays on the page, marked as not current.
            _storeAvailable = false;
            LogStoreUnavailable(logger, e.GetType().Name);
        }
    }

    private StatusSnapshot Build()
    {
        var ticks = Interlocked.Read(ref _heartbeatTicks);
        var live = new LiveState(monitored.Keys, _observed, ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        // A window starts or ends between reloads: judge "active" now, not at the last reload.
        var maintenanceNow = _maintenance.Select(m => m with { Active = m.StartsAt <= now && now < m.EndsAt }).ToList();
        var snapshot = SnapshotBuilder.Build(live, _incidents, maintenanceNow, _history, now, freshness);
        return snapshot with { HistoryAvailable = snapshot.HistoryAvailable && _storeAvailable };
    }

    [LoggerMessage(EventName = "status_store_unavailable", Level = LogLevel.Warning,
        Message = "Status database unavailable ({exception_type}); showing live state without history")]
    private static partial void LogStoreUnavailable(ILogger logger, string exception_type);
}

/// <summary>The components this installation is configured to check; the rest are "not monitored".</summary>
internal sealed record MonitoredComponents(IReadOnlySet<string> Keys);
