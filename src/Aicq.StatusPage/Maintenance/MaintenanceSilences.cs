using System.Text.Json;
using Aicq.StatusPage.Data;
using Prometheus;

namespace Aicq.StatusPage.Maintenance;

/// <summary>What the page knows about a window's silence: its id in Alertmanager, or why there is none yet.</summary>
public sealed record SilenceState(string Matchers, string? SilenceId, string? Problem, DateTimeOffset? FailingSince);

/// <summary>
/// Keeps one Alertmanager silence per running or upcoming maintenance window (see <see cref="SilencePlan"/>) and none
/// for cancelled ones, every check interval and right after an operator schedules or cancels. Alertmanager's own list
/// is the record (the window is named in <c>createdBy</c>), so a restart finds the silences it made instead of adding
/// more, and a second instance's duplicate is expired. While Alertmanager cannot be reached every pass retries, the
/// page says silencing is pending, and <c>aicq_status_maintenance_silences_in_sync</c> is 0.
/// </summary>
internal sealed partial class MaintenanceSilences(
    MaintenanceStore store, AlertmanagerSilences? alertmanager, TimeSpan interval, TimeProvider clock, ILogger<MaintenanceSilences> logger)
    : BackgroundService
{
    // Exported from the first pass on: with silencing off there is nothing to be out of sync, and a 0 would page
    // (StatusMaintenanceSilencesOutOfSync).
    private static readonly Gauge InSync = Metrics.CreateGauge("aicq_status_maintenance_silences_in_sync",
        "1 when every maintenance window's Alertmanager silence matches the schedule, 0 while the last pass failed.",
        new GaugeConfiguration { SuppressInitialValue = true });

    private static readonly Counter Failures = Metrics.CreateCounter("aicq_status_maintenance_silence_failures_total",
        "Passes that could not bring Alertmanager's silences in line with the maintenance schedule.");

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<int, string> _silences = new Dictionary<int, string>();
    private (string Problem, DateTimeOffset Since)? _failing;

    /// <summary>False when STATUS_MAINTENANCE_SILENCES is off: windows then silence nothing.</summary>
    public bool Enabled => alertmanager is not null;

    public SilenceState? StateOf(MaintenanceWindow window)
    {
        if (!Enabled) return null;
        var failing = _failing;
        return new SilenceState(SilencePlan.Describe(window), _silences.GetValueOrDefault(window.Id), failing?.Problem, failing?.Since);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (alertmanager is null) return;
        using var timer = new PeriodicTimer(interval, clock);
        do await ReconcileAsync(stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; failures are recorded (page, metric, log) and the next pass retries.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (alertmanager is null) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _silences = await SyncAsync(alertmanager, cancellationToken);
            if (_failing is not null) LogRecovered(logger);
            _failing = null;
            InSync.Set(1);
        }
        catch (Exception e) when (Transient(e) && !cancellationToken.IsCancellationRequested)
        {
            var problem = e switch
            {
                HttpRequestException { StatusCode: { } code } => $"Alertmanager answered {(int)code}",
                HttpRequestException or TaskCanceledException => $"Alertmanager could not be reached ({e.GetType().Name})",
                JsonException or NotSupportedException => "Alertmanager's answer was not a silence list",
                _ => "the status database is not available",
            };
            _failing = (problem, _failing?.Since ?? clock.GetUtcNow());
            Failures.Inc();
            InSync.Set(0);
            LogFailed(logger, problem);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<int, string>> SyncAsync(AlertmanagerSilences alertmanager, CancellationToken cancellationToken)
    {
        var windows = await store.ReadCurrentAsync(cancellationToken);
        var own = await alertmanager.ListOwnAsync(cancellationToken);
        var byWindow = own.ToLookup(s => SilencePlan.WindowOf(s)!.Value);
        var now = clock.GetUtcNow();
        var silences = new Dictionary<int, string>();
        foreach (var window in windows)
        {
            var existing = byWindow[window.Id].OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            var keep = existing.FirstOrDefault(s => SilencePlan.Fits(s, window));
            foreach (var extra in existing.Where(s => s != keep)) await alertmanager.ExpireAsync(extra.Id, cancellationToken);
            if (keep is null)
            {
                var id = await alertmanager.CreateAsync(SilencePlan.RequestFor(window, now), cancellationToken);
                LogCreated(logger, window.Id, id);
                silences[window.Id] = id;
            }
            else silences[window.Id] = keep.Id;
        }
        foreach (var orphan in own.Where(s => !silences.ContainsKey(SilencePlan.WindowOf(s)!.Value)))
        {
            await alertmanager.ExpireAsync(orphan.Id, cancellationToken);
            var window = SilencePlan.WindowOf(orphan)!.Value;
            LogLifted(logger, window, orphan.Id);
        }
        return silences;
    }

    private static bool Transient(Exception e) =>
        e is HttpRequestException or JsonException or TaskCanceledException or NotSupportedException || StoreFailure.Is(e);

    [LoggerMessage(EventName = "maintenance_silence_created", Level = LogLevel.Information,
        Message = "Created Alertmanager silence {silence_id} for maintenance window {window_id}")]
    private static partial void LogCreated(ILogger logger, int window_id, string silence_id);

    [LoggerMessage(EventName = "maintenance_silence_lifted", Level = LogLevel.Information,
        Message = "Expired Alertmanager silence {silence_id} of maintenance window {window_id} (cancelled, or no longer as scheduled)")]
    private static partial void LogLifted(ILogger logger, int window_id, string silence_id);

    [LoggerMessage(EventName = "maintenance_silences_failed", Level = LogLevel.Warning,
        Message = "Could not sync maintenance silences with Alertmanager ({problem}); retrying next interval")]
    private static partial void LogFailed(ILogger logger, string problem);

    [LoggerMessage(EventName = "maintenance_silences_recovered", Level = LogLevel.Information,
        Message = "Maintenance silences are in sync with Alertmanager again")]
    private static partial void LogRecovered(ILogger logger);
}
