namespace Aicq.StatusPage.Tests.Probing;

/// <summary>
/// A gap in the status page's checks judged against a real Prometheus whose real blackbox exporter probed a stand-in
/// edge meanwhile, and recorded on real PostgreSQL, cycle by cycle as the prober runs them. Waits are counted in probe
/// results, never in seconds of wall clock.
/// </summary>
public sealed class BlackboxEvidenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = BlackboxStack.Scrape;
    private static readonly HistorySettings Settings = new()
    {
        RawRetention = TimeSpan.FromHours(48), RollupRetention = TimeSpan.FromDays(90), DailyRetention = TimeSpan.FromDays(400), CheckInterval = Interval,
    };

    private readonly RecordingLogger _log = new();
    private StatusDatabase _database = null!;
    private BlackboxStack _stack = null!;
    private HistoryStore _history = null!;
    private IncidentStore _incidents = null!;

    public async Task InitializeAsync()
    {
        _database = await StatusDatabase.CreateAsync();
        _stack = await BlackboxStack.StartAsync();
        _history = new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Settings);
        _incidents = new IncidentStore(_database.Contexts, new PublicText([]), TimeProvider.System);
    }

    [Fact]
    public async Task EdgeFailingWhileUnchecked_SeenByTheBlackboxProbe_OpensAnIncident_AndCountsDownOnlyWhileItFailed()
    {
        var recorder = Recorder(_stack.PrometheusUrl);
        await _stack.WaitForProbesAsync(success: true, count: 2);
        var from = await CycleAsync(recorder, DateTimeOffset.UtcNow);
        // The status page is away; meanwhile the edge stops answering and comes back.
        await _stack.Edge.StopAsync();
        await _stack.WaitForProbesAsync(success: false, count: 3);
        await _stack.Edge.StartAgainAsync();
        await _stack.WaitForProbesAsync(success: true, count: 2);
        var gapEnd = from + Settings.GapAfter + Interval;
        if (gapEnd > DateTimeOffset.UtcNow) await Task.Delay(gapEnd - DateTimeOffset.UtcNow);
        var to = await CycleAsync(recorder, DateTimeOffset.UtcNow);

        var incident = Assert.Single(await _incidents.ReadRecentAsync(from.AddDays(-1), default));
        Assert.Equal((GapIncidents.AlertName, Catalog.Edge, "critical"), (incident.AlertName, incident.Component, incident.Severity));
        Assert.Equal((from, (DateTimeOffset?)to), (incident.StartedAt, incident.ResolvedAt));
        Assert.StartsWith("The blackbox probe (Prometheus) saw Public edge (HTTPS) down from ", incident.Updates[0].Message);
        Assert.EndsWith("the rest of the gap counts as it found it, and time it has no results for is unknown.", incident.Updates[0].Message);
        // Three failed probes a step apart fail at least two steps; the two checks and the probe's successes are up; at
        // most one row per interval in between, as an outage fill would have.
        var edge = (await _history.ReadAsync(to, default))[Catalog.Edge].Uptime.Day;
        Assert.InRange(edge.DownSeconds, 2 * Interval.TotalSeconds, (to - from).TotalSeconds);
        Assert.True(edge.UpSeconds >= 3 * Interval.TotalSeconds, $"up {edge.UpSeconds} s");
        var places = Math.Floor((to - from) / Interval - 0.5);
        Assert.True(edge.UpSeconds + edge.DownSeconds <= (places + 2) * Interval.TotalSeconds, $"checked {edge.UpSeconds + edge.DownSeconds} s");
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task EdgeAnswering503WhileUnchecked_IsDownInUptime_ButNoOutageIncident()
    {
        var recorder = Recorder(_stack.PrometheusUrl);
        await _stack.WaitForProbesAsync(success: true, count: 2);
        var from = await CycleAsync(recorder, DateTimeOffset.UtcNow);
        _stack.Edge.Failing = true;
        await _stack.WaitForProbesAsync(success: false, count: 3);
        _stack.Edge.Failing = false;
        await _stack.WaitForProbesAsync(success: true, count: 2);
        var gapEnd = from + Settings.GapAfter + Interval;
        if (gapEnd > DateTimeOffset.UtcNow) await Task.Delay(gapEnd - DateTimeOffset.UtcNow);
        var to = await CycleAsync(recorder, DateTimeOffset.UtcNow);

        Assert.Empty(await _incidents.ReadRecentAsync(from.AddDays(-1), default));
        var edge = (await _history.ReadAsync(to, default))[Catalog.Edge].Uptime.Day;
        Assert.InRange(edge.DownSeconds, 2 * Interval.TotalSeconds, (to - from).TotalSeconds);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task NoProbeResultsOverTheGap_LeavesItUnknown_AndSaysSoOnce()
    {
        // Before this Prometheus started: it has nothing for that time.
        var from = await CycleAsync(Recorder(_stack.PrometheusUrl), DateTimeOffset.UtcNow.AddMinutes(-10));
        var to = await CycleAsync(Recorder(_stack.PrometheusUrl), from.AddMinutes(5));

        Assert.Empty(await _incidents.ReadRecentAsync(from.AddDays(-1), default));
        var edge = (await _history.ReadAsync(to, default))[Catalog.Edge].Uptime.Day;
        Assert.Equal((2 * Interval.TotalSeconds, 0.0), (edge.UpSeconds, edge.DownSeconds));
        Assert.Equal("gap_evidence_missing: Prometheus has no probe results", Assert.Single(_log.Lines));
    }

    [Fact]
    public async Task UnreachablePrometheus_LeavesTheGapUnknown_AndSaysSoOnce()
    {
        var recorder = Recorder(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        var from = await CycleAsync(recorder, DateTimeOffset.UtcNow.AddMinutes(-5));
        var to = await CycleAsync(recorder, from.AddMinutes(5));

        Assert.Empty(await _incidents.ReadRecentAsync(from.AddDays(-1), default));
        var edge = (await _history.ReadAsync(to, default))[Catalog.Edge].Uptime.Day;
        Assert.Equal((2 * Interval.TotalSeconds, 0.0), (edge.UpSeconds, edge.DownSeconds));
        Assert.Equal("gap_evidence_missing: Prometheus did not answer the query", Assert.Single(_log.Lines));
    }

    private CheckRecorder Recorder(Uri prometheus) => new(_history,
        new BlackboxEvidence(new HttpClient(), prometheus, TimeSpan.FromSeconds(5), Samples.Slow, Interval, _log),
        new GapIncidents(_database.Contexts));

    /// <summary>One check cycle with the edge operational (the API and synthetic agent not monitored); returns its time as stored.</summary>
    private static async Task<DateTimeOffset> CycleAsync(CheckRecorder recorder, DateTimeOffset at)
    {
        // PostgreSQL keeps microseconds: the times compared with stored ones are cut to them.
        at = at.AddTicks(-(at.Ticks % 10));
        await recorder.RecordAsync(
            [new(Catalog.Edge, ComponentState.Operational, null, 10, at, []), ComponentStatus.NotMonitored(Catalog.Api), ComponentStatus.NotMonitored(Catalog.Canary)],
            at, default);
        return at;
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Warnings as "event: reason", the reason being the last structured value.</summary>
    private sealed class RecordingLogger : ILogger<BlackboxEvidence>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var reason = state is IReadOnlyList<KeyValuePair<string, object?>> values ? values.FirstOrDefault(v => v.Key == "reason").Value : null;
            lock (Lines) Lines.Add($"{eventId.Name}: {reason}");
        }
    }
}
