namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>
/// Gaps in the checks on real PostgreSQL, cycle by cycle as the prober runs them: a gap is unknown time, and becomes
/// an incident only when a check next to it found the public path in outage.
/// </summary>
public sealed class GapIncidentsTests : IAsyncLifetime
{
    private static readonly HistorySettings Settings = new()
    {
        RawRetention = TimeSpan.FromHours(48), RollupRetention = TimeSpan.FromDays(90), DailyRetention = TimeSpan.FromDays(400), CheckInterval = TimeSpan.FromSeconds(30),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private StatusDatabase _database = null!;
    private HistoryStore _history = null!;
    private GapIncidents _gaps = null!;
    private IncidentStore _incidents = null!;

    public async Task InitializeAsync()
    {
        _database = await StatusDatabase.CreateAsync();
        _history = new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Settings);
        _gaps = new GapIncidents(_database.Contexts);
        _incidents = new IncidentStore(_database.Contexts, new PublicText([]), _clock);
    }

    [Fact]
    public async Task GapWithoutOutageNextToIt_IsUnknownTime_NotAnIncident()
    {
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await CycleAsync(ComponentState.Degraded, ComponentState.Operational);
        Assert.Empty(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
    }

    [Fact]
    public async Task OutageBeforeTheGap_WorkingAfter_OpensAnIncidentForTheGap_ClosedAtItsEnd()
    {
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);
        await CycleAsync(ComponentState.Outage, ComponentState.Outage);
        var gapStart = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(570));
        // The API's and the synthetic agent's checks both saw the outage before the gap: one incident, with both.
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);

        var incident = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal((GapIncidents.AlertName, Catalog.Api, "critical"), (incident.AlertName, incident.Component, incident.Severity));
        Assert.Equal((gapStart, gapStart.AddMinutes(10)), (incident.StartedAt, incident.ResolvedAt));
        Assert.Equal("AICQ API outage around a gap in the status page's checks (2026-03-14 12:01:00 to 12:11:00 UTC)", incident.Title);
        Assert.Equal(["opened", "update", "resolved"], incident.Updates.Select(u => u.Kind));
        Assert.Contains("AICQ API was in outage at the last check before the status page stopped checking (12:01:00 UTC) and operational at the first check after (12:11:00 UTC); when it recovered in between is unknown.",
            incident.Updates[0].Message);
        Assert.Contains("Synthetic agent was in outage", incident.Updates[1].Message);
        // Seen working after the gap: the gap itself stays unknown, only the check that saw the outage counts as down.
        var api = (await _history.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Api].Uptime.Day;
        Assert.Equal((3 * 30.0, 30.0), (api.UpSeconds, api.DownSeconds));
    }

    [Fact]
    public async Task OutageOnBothSidesOfTheGap_CountsAsDownThroughout_AndTheIncidentStaysOpen()
    {
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);
        await CycleAsync(ComponentState.Outage, ComponentState.Outage);
        _clock.Advance(TimeSpan.FromSeconds(570));
        await CycleAsync(ComponentState.Outage, ComponentState.Outage);

        // 12:01:00 and 12:11:00 checked in outage, 19 checks' worth of outage filled in between, one operational check before.
        var api = (await _history.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Api].Uptime.Day;
        Assert.Equal((30.0, 21 * 30.0), (api.UpSeconds, api.DownSeconds));
        var incident = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.True(incident.IsOpen);
        Assert.Contains("AICQ API was in outage at the last check before the status page stopped checking (12:01:00 UTC) and still at the first check after (12:11:00 UTC).",
            incident.Updates[0].Message);
    }

    [Fact]
    public async Task OutageFoundByTheFirstChecksAfterARestart_StaysOpenUntilThePublicPathWorks()
    {
        await CycleAsync(ComponentState.Operational, ComponentState.Operational);
        var gapStart = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await CycleAsync(ComponentState.Outage, canary: null);
        await CycleAsync(ComponentState.Outage, ComponentState.Outage);

        var open = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal((gapStart, (DateTimeOffset?)null), (open.StartedAt, open.ResolvedAt));
        Assert.Contains("when the outage began in between is unknown", open.Updates[0].Message);

        await CycleAsync(ComponentState.Operational, ComponentState.Degraded);
        var closed = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal(_clock.GetUtcNow(), closed.ResolvedAt);
    }

    [Fact]
    public async Task OutageSeenOnlyByTheBlackboxProbe_OpensAnIncident_AndCountsDownForItsSpanOnly()
    {
        _clock.Advance(TimeSpan.FromSeconds(30));
        var from = _clock.GetUtcNow();
        Assert.Empty(await _history.RecordAsync(Edge(), from, default));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var gap = Assert.Single(await _history.RecordAsync(Edge(), _clock.GetUtcNow(), default)) with
        {
            Probe =
            [
                new EvidenceSpan(from.AddSeconds(60), from.AddSeconds(180), ComponentState.Outage),
                new EvidenceSpan(from.AddSeconds(180), from.AddSeconds(240), ComponentState.Operational),
            ],
        };
        await _history.RecordEvidenceAsync([gap], _clock.GetUtcNow(), default);
        await _gaps.ApplyAsync([gap], Edge(), _clock.GetUtcNow(), default);

        var incident = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal((GapIncidents.AlertName, Catalog.Edge, from, (DateTimeOffset?)_clock.GetUtcNow()),
            (incident.AlertName, incident.Component, incident.StartedAt, incident.ResolvedAt));
        Assert.Equal("The blackbox probe (Prometheus) saw Public edge (HTTPS) down from 12:01:30 UTC to 12:03:30 UTC while the status page was not checking; "
            + "the rest of the gap counts as it found it, and time it has no results for is unknown.", incident.Updates[0].Message);
        // Of the 9 places between the checks, 4 fall in the failing span and 2 in the working one; 3 stay unknown.
        var edge = (await _history.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Edge].Uptime.Day;
        Assert.Equal((4 * 30.0, 4 * 30.0), (edge.UpSeconds, edge.DownSeconds));
    }

    [Fact]
    public async Task GapIncidentThatKeepsReopening_KeepsItsOpeningAndLatestEntries_WithinTheCap()
    {
        var from = _clock.GetUtcNow();
        var gap = new CheckGap(Catalog.Api, from, from.AddMinutes(5), ComponentState.Outage, ComponentState.Outage);
        // The same gap seen in outage again and again, the public path working in between: an update and a resolution each time.
        for (var i = 0; i < IncidentUpdate.MaxPerIncident; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await _gaps.ApplyAsync([gap], [Api(ComponentState.Outage)], _clock.GetUtcNow(), default);
            _clock.Advance(TimeSpan.FromSeconds(30));
            await _gaps.ApplyAsync([], [Api(ComponentState.Operational)], _clock.GetUtcNow(), default);
        }

        var incident = Assert.Single(await _incidents.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal(IncidentUpdate.MaxPerIncident, incident.Updates.Count);
        Assert.Equal(IncidentUpdate.Opened, incident.Updates[0].Kind);
        Assert.Equal((IncidentUpdate.Resolved, _clock.GetUtcNow()), (incident.Updates[^1].Kind, incident.Updates[^1].At));
        Assert.Equal(_clock.GetUtcNow(), incident.ResolvedAt);
    }

    private ComponentStatus Api(ComponentState state) => new(Catalog.Api, state, null, 10, _clock.GetUtcNow(), []);

    private List<ComponentStatus> Edge() =>
        [new(Catalog.Edge, ComponentState.Operational, null, 10, _clock.GetUtcNow(), []), ComponentStatus.NotMonitored(Catalog.Api), ComponentStatus.NotMonitored(Catalog.Canary)];

    /// <summary>One check cycle as the prober runs it: record, then judge the gaps it closes. A null canary has not run yet.</summary>
    private async Task CycleAsync(ComponentState api, ComponentState? canary)
    {
        _clock.Advance(TimeSpan.FromSeconds(30));
        var statuses = new List<ComponentStatus>
        {
            new(Catalog.Api, api, null, 10, _clock.GetUtcNow(), []),
            canary is { } state ? new(Catalog.Canary, state, null, 10, _clock.GetUtcNow(), []) : ComponentStatus.Waiting(Catalog.Canary),
            ComponentStatus.NotMonitored(Catalog.Edge),
        };
        var gaps = await _history.RecordAsync(statuses, _clock.GetUtcNow(), default);
        await _gaps.ApplyAsync(gaps, statuses, _clock.GetUtcNow(), default);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
