namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>Incidents from webhook deliveries, on real PostgreSQL.</summary>
public sealed class IncidentStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private StatusDatabase _database = null!;
    private IncidentStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await StatusDatabase.CreateAsync();
        _store = new IncidentStore(_database.Contexts, new PublicText([]), _clock);
    }

    [Fact]
    public async Task RepeatedFiringDelivery_OpensOneIncident_ResolvedClosesIt()
    {
        var started = _clock.GetUtcNow().AddMinutes(-2);
        var firing = Parse(Alerts.Delivery("firing", Alerts.Alert("firing", "RedisDown", "redis", "aa11", started, summary: "Redis is down")));

        Assert.Equal(new WebhookResult(1, 0, 0), await _store.ApplyAsync(firing, default));
        Assert.Equal(new WebhookResult(0, 0, 1), await _store.ApplyAsync(firing, default));
        var open = Assert.Single(await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.True(open.IsOpen);
        Assert.Equal((Catalog.Redis, "Redis is down", "critical"), (open.Component, open.Title, open.Severity));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var resolved = Parse(Alerts.Delivery("resolved", Alerts.Alert("resolved", "RedisDown", "redis", "aa11", started, endsAt: _clock.GetUtcNow().AddMinutes(-1))));
        Assert.Equal(new WebhookResult(0, 1, 0), await _store.ApplyAsync(resolved, default));
        var closed = Assert.Single(await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(-1), closed.ResolvedAt);
        Assert.Equal(["opened", "resolved"], closed.Updates.Select(u => u.Kind));

        // A late re-delivery of the old firing does not reopen it; a new firing (new startsAt) is a new incident.
        Assert.Equal(new WebhookResult(0, 0, 1), await _store.ApplyAsync(firing, default));
        var again = Parse(Alerts.Delivery("firing", Alerts.Alert("firing", "RedisDown", "redis", "aa11", _clock.GetUtcNow())));
        Assert.Equal(new WebhookResult(1, 0, 0), await _store.ApplyAsync(again, default));
    }

    [Fact]
    public async Task HeartbeatsAlertsWithoutComponentAndUnknownResolutions_AreIgnored()
    {
        var watchdog = Alerts.Alert("firing", "Watchdog", "prometheus", "w1", _clock.GetUtcNow(), severity: "none");
        var noComponent = Alerts.Alert("firing", "Odd", "x", "n1", _clock.GetUtcNow());
        noComponent["labels"]!.AsObject().Remove("component");
        var unknown = Alerts.Alert("resolved", "Never", "api", "zz", _clock.GetUtcNow());
        var result = await _store.ApplyAsync(Parse(Alerts.Delivery("firing", watchdog, noComponent, unknown)), default);
        Assert.Equal(new WebhookResult(0, 0, 3), result);
        Assert.Empty(await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
    }

    [Fact]
    public async Task UnknownComponentLabel_OpensAPlatformIncident_WithScrubbedTitle()
    {
        var store = new IncidentStore(_database.Contexts, new PublicText(["node-7"]), _clock);
        await store.ApplyAsync(Parse(Alerts.Delivery("firing", Alerts.Alert("firing", "AicqMemoryNearLimit", "host", "m1", _clock.GetUtcNow(),
            summary: "node-7 uses 95% of its memory", description: "raw text for on-call"))), default);
        var incident = Assert.Single(await store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal((Catalog.Platform, "host", "[internal] uses 95% of its memory"), (incident.Component, incident.ComponentLabel, incident.Title));
        Assert.Equal("raw text for on-call", incident.Description);
    }

    [Fact]
    public async Task OperatorUpdate_IsAddedToTheTimeline_AndCanCloseTheIncident()
    {
        await _store.ApplyAsync(Parse(Alerts.Delivery("firing", Alerts.Alert("firing", "EdgeDown", "edge", "e1", _clock.GetUtcNow()))), default);
        var id = (await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default))[0].Id;
        var (acknowledged, _) = await _store.AddUpdateAsync(id, IncidentUpdate.Acknowledged, "Looking into it", resolve: false, default);
        Assert.True(acknowledged!.IsOpen);
        var (updated, full) = await _store.AddUpdateAsync(id, IncidentUpdate.Update, "Restarting the edge", resolve: true, default);
        Assert.False(full);
        Assert.NotNull(updated);
        Assert.False(updated.IsOpen);
        Assert.Equal(["opened", "acknowledged", "update", "resolved"], updated.Updates.Select(u => u.Kind));
        Assert.Null((await _store.AddUpdateAsync(id + 1000, IncidentUpdate.Update, "nobody", resolve: false, default)).Incident);
    }

    [Fact]
    public async Task Timeline_IsCapped_ButResolvingIsStillRecorded()
    {
        await _store.ApplyAsync(Parse(Alerts.Delivery("firing", Alerts.Alert("firing", "EdgeDown", "edge", "cap1", _clock.GetUtcNow()))), default);
        var id = (await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default))[0].Id;
        for (var i = 1; i < IncidentUpdate.MaxPerIncident; i++)
            Assert.False((await _store.AddUpdateAsync(id, IncidentUpdate.Update, $"update {i}", resolve: false, default)).Full);
        Assert.True((await _store.AddUpdateAsync(id, IncidentUpdate.Update, "one too many", resolve: false, default)).Full);
        var (closed, full) = await _store.AddUpdateAsync(id, IncidentUpdate.Update, "done", resolve: true, default);
        Assert.False(full);
        Assert.False(closed!.IsOpen);
        // The resolution takes the place of the oldest entry after the opening: the timeline stays at its cap.
        Assert.Equal(IncidentUpdate.MaxPerIncident, closed.Updates.Count);
        Assert.Equal(("opened", "update 2", "resolved"), (closed.Updates[0].Kind, closed.Updates[1].Message, closed.Updates[^1].Kind));
        Assert.Equal(IncidentUpdate.MaxPerIncident, (await _store.ReadAsync(id, default))!.Updates.Count);
    }

    [Fact]
    public async Task FiringAlert_KeepsItsEvidence_Bounded_AndOpensWithTheAlertsName()
    {
        var alert = Alerts.Alert("firing", "AicqHighErrorRatio", "api", "ev1", _clock.GetUtcNow(), summary: "API errors");
        alert["annotations"]!["runbook_url"] = "https://github.com/aicq/aicq/blob/main/docs/runbook.md#aicqhigherrorratio";
        alert["generatorURL"] = "http://prometheus:9090/graph?g0.expr=rate%28x%5B5m%5D%29";
        alert["labels"]!["job"] = "api\u0000\u001b[31m\nnext";
        for (var i = 0; i < 40; i++) alert["labels"]![$"extra{i:00}"] = new string('x', 500);
        await _store.ApplyAsync(Parse(Alerts.Delivery("firing", alert)), default);
        var incident = Assert.Single(await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default));
        Assert.Equal("https://github.com/aicq/aicq/blob/main/docs/runbook.md#aicqhigherrorratio", incident.RunbookUrl);
        Assert.Equal("http://prometheus:9090/graph?g0.expr=rate%28x%5B5m%5D%29", incident.GeneratorUrl);
        Assert.Equal(AlertEvidence.MaxLabels, incident.Labels.Length);
        Assert.All(incident.Labels, l => Assert.True(l.Length <= AlertEvidence.MaxLabel && !l.Any(char.IsControl)));
        Assert.Contains("alertname=AicqHighErrorRatio", incident.Labels);
        Assert.Equal("Opened by the alert AicqHighErrorRatio: API errors", incident.Updates[0].Message);

        // A relative or non-http link leads nowhere from the operator's page and is not kept.
        var odd = Alerts.Alert("firing", "Odd", "api", "ev2", _clock.GetUtcNow());
        odd["annotations"]!["runbook_url"] = "javascript:alert(1)";
        odd["generatorURL"] = "/graph?g0.expr=up";
        await _store.ApplyAsync(Parse(Alerts.Delivery("firing", odd)), default);
        var oddIncident = (await _store.ReadRecentAsync(_clock.GetUtcNow().AddDays(-1), default)).Single(i => i.AlertName == "Odd");
        Assert.Equal((null, null), (oddIncident.RunbookUrl, oddIncident.GeneratorUrl));
    }

    private static IReadOnlyList<AlertmanagerAlert> Parse(System.Text.Json.Nodes.JsonObject delivery) =>
        JsonSerializer.Deserialize<AlertmanagerPayload>(delivery.ToJsonString())!.Alerts!;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
