using Aicq.StatusPage.Data;
using Aicq.StatusPage.History;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Every STATUS_CHECK_INTERVAL_SECONDS: probes every configured component at once, publishes the new states
/// (pages update at once), records them in the history, opens or closes an incident for a gap in the checks with
/// evidence of an outage next to it or, for the edge, from the blackbox probe during it (<see cref="CheckRecorder"/>),
/// then refreshes the page with the new history.
/// </summary>
internal sealed partial class Prober(
    ProbeSettings settings, HealthProbe probe, StatusBoard board, CheckRecorder history, TimeProvider clock, ILogger<Prober> logger)
    : BackgroundService
{
    private static readonly Uri AicqHealth = new("health", UriKind.Relative);
    private static readonly Uri AlertmanagerStatus = new("api/v2/status", UriKind.Relative);

    // What the last cycle found, so that "nobody is paged" is logged when it starts, not every cycle. -1: nothing yet.
    private int? _onCallIntegrations = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One bad cycle must not stop checking for good (nor, as an unhandled background failure, the host).
                LogCycleCrashed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var instances = Task.WhenAll(settings.ApiUrls.Select(u => probe.ProbeAsync(new Uri(u, AicqHealth), cancellationToken)));
        var edge = Probe(settings.EdgeUrl, "health", cancellationToken);
        var alertmanager = ProbeAlertmanagerAsync(at, cancellationToken);
        var others = new (string Key, Task<ProbeObservation?> Probe)[]
        {
            (Catalog.Prometheus, Probe(settings.PrometheusUrl, "-/healthy", cancellationToken)),
            (Catalog.Grafana, Probe(settings.GrafanaUrl, "api/health", cancellationToken)),
            (Catalog.Loki, Probe(settings.LokiUrl, "ready", cancellationToken)),
        };

        var api = await instances;
        if (api.Length > 0)
        {
            board.Observe(StateRules.Api(api, settings.SlowResponse, at));
            board.Observe(StateRules.Dependency(Catalog.Postgres, api, at));
            board.Observe(StateRules.Dependency(Catalog.Redis, api, at));
        }
        if (await edge is { } edgeProbe) board.Observe(StateRules.Edge(edgeProbe, settings.SlowResponse, at));
        foreach (var (key, task) in others)
            if (await task is { } observation) board.Observe(StateRules.Single(key, observation, settings.SlowResponse, at));
        if (await alertmanager is { } alerting) board.Observe(alerting);

        await board.RefreshAsync(reloadStored: false, cancellationToken);
        await RecordAsync(at, cancellationToken);
        await board.RefreshAsync(reloadStored: true, cancellationToken);
    }

    /// <summary>Health first; then the loaded configuration, for whether anyone would be paged.</summary>
    private async Task<ComponentStatus?> ProbeAlertmanagerAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (settings.AlertmanagerUrl is not { } url) return null;
        var health = await probe.ProbeAsync(new Uri(url, "-/healthy"), cancellationToken);
        var status = health.Answered ? await probe.ReadAsync(new Uri(url, AlertmanagerStatus), cancellationToken) : null;
        var integrations = status is null ? null : OnCallReceiver.Integrations(status, settings.OnCallReceiver);
        if (health.Answered && integrations != _onCallIntegrations)
        {
            _onCallIntegrations = integrations;
            if (integrations is null or 0) LogNoOnCall(logger, settings.OnCallReceiver, integrations is null ? "configuration unreadable" : "none");
        }
        return StateRules.Alertmanager(health, integrations, settings.SlowResponse, at);
    }

    private async Task RecordAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!history.IsReady) return;
        try
        {
            await history.RecordAsync(board.Current.Components.Select(c => c.Status).ToList(), at, cancellationToken);
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            LogRecordFailed(logger, e.GetType().Name);
        }
    }

    private async Task<ProbeObservation?> Probe(Uri? baseUrl, string path, CancellationToken cancellationToken) =>
        baseUrl is null ? null : await probe.ProbeAsync(new Uri(baseUrl, path), cancellationToken);

    [LoggerMessage(EventName = "probe_cycle_crashed", Level = LogLevel.Error, Message = "A check cycle failed unexpectedly")]
    private static partial void LogCycleCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventName = "oncall_receiver_missing", Level = LogLevel.Warning,
        Message = "Alertmanager's on-call receiver {receiver} has no integration ({integrations}): nobody is paged")]
    private static partial void LogNoOnCall(ILogger logger, string receiver, string integrations);

    [LoggerMessage(EventName = "history_record_failed", Level = LogLevel.Warning, Message = "Could not record check results ({exception_type})")]
    private static partial void LogRecordFailed(ILogger logger, string exception_type);
}
