using Aicq.StatusPage.Data;
using Aicq.StatusPage.History;
using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;
using Aicq.StatusPage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Tests.History;

/// <summary>Check history on real PostgreSQL: uptime without maintenance, rollups that outlive raw rows, and retention.</summary>
public sealed class HistoryStoreTests : IAsyncLifetime
{
    private static readonly HistorySettings Retention = new() { RawRetention = TimeSpan.FromHours(48), RollupRetention = TimeSpan.FromDays(90) };
    private readonly AdjustableClock _clock = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private StatusDatabase _database = null!;
    private HistoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await StatusDatabase.CreateAsync();
        _store = new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Retention);
    }

    [Fact]
    public async Task Uptime_CountsOperationalChecks_AndLeavesMaintenanceOut()
    {
        foreach (var state in new[] { ComponentState.Operational, ComponentState.Operational, ComponentState.Outage, ComponentState.Maintenance, ComponentState.Maintenance })
            await RecordAsync(state, 20);

        var redis = (await _store.ReadAsync(_clock.Now, default))[Catalog.Redis];
        Assert.Equal(100.0 * 2 / 3, redis.Uptime.Day!.Value, 6);
        Assert.Equal(redis.Uptime.Day, redis.Uptime.Quarter);
        Assert.Equal(5, redis.Checks24h);
        var today = redis.Days[^1];
        Assert.Equal((DateOnly.FromDateTime(_clock.Now.UtcDateTime), 5, 2, 2), (today.Day, today.Total, today.Operational, today.Maintenance));
        Assert.Equal(ComponentHistory.StripDays, redis.Days.Count);
        Assert.Null((await _store.ReadAsync(_clock.Now, default))[Catalog.Api].Uptime.Day);
    }

    [Fact]
    public async Task RawRowsExpire_AfterTheirRetention_WhileHourlyRollupsKeepTheUptime()
    {
        await RecordAsync(ComponentState.Outage, 10);
        _clock.Advance(TimeSpan.FromHours(50));
        await RecordAsync(ComponentState.Operational, 10);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.CheckResults.CountAsync());
        Assert.Equal(2, await db.HourlyRollups.CountAsync());
        var redis = (await _store.ReadAsync(_clock.Now, default))[Catalog.Redis];
        Assert.Equal(100, redis.Uptime.Day);
        Assert.Equal(50, redis.Uptime.Week);
        Assert.Single(redis.Latency);

        _clock.Advance(TimeSpan.FromDays(91));
        await RecordAsync(ComponentState.Operational, 10);
        Assert.Equal(1, await db.HourlyRollups.CountAsync());
    }

    [Fact]
    public async Task Chart_AveragesLatencyPerBucket_WithoutMaintenance()
    {
        await RecordAsync(ComponentState.Operational, 10);
        await RecordAsync(ComponentState.Operational, 30);
        await RecordAsync(ComponentState.Maintenance, 5000);
        var point = Assert.Single((await _store.ReadAsync(_clock.Now, default))[Catalog.Redis].Latency);
        Assert.Equal((20, 30), (point.AverageMs, point.MaxMs));
    }

    private async Task RecordAsync(ComponentState state, double latencyMs)
    {
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _store.RecordAsync([new ComponentStatus(Catalog.Redis, state, null, latencyMs, _clock.Now, []),
            ComponentStatus.NotMonitored(Catalog.Loki)], _clock.Now, default);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
