using System.Text.Json;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.State;
using Aicq.StatusPage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

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
        var updated = await _store.AddUpdateAsync(id, "Restarting the edge", resolve: true, default);
        Assert.NotNull(updated);
        Assert.False(updated.IsOpen);
        Assert.Equal(["opened", "update", "resolved"], updated.Updates.Select(u => u.Kind));
        Assert.Null(await _store.AddUpdateAsync(id + 1000, "nobody", resolve: false, default));
    }

    private static IReadOnlyList<AlertmanagerAlert> Parse(System.Text.Json.Nodes.JsonObject delivery) =>
        JsonSerializer.Deserialize<AlertmanagerPayload>(delivery.ToJsonString())!.Alerts!;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
