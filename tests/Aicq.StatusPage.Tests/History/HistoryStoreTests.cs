using Aicq.StatusPage.Components;
using Aicq.StatusPage.Data;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Tests.History;

/// <summary>
/// Check history on real PostgreSQL: uptime over checked time without maintenance, unchecked time as unknown, windows
/// still collecting, rollups that outlive raw rows, and retention.
/// </summary>
public sealed class HistoryStoreTests : IAsyncLifetime
{
    private static readonly HistorySettings Retention = new()
    {
        RawRetention = TimeSpan.FromHours(48), RollupRetention = TimeSpan.FromDays(90), DailyRetention = TimeSpan.FromDays(400), CheckInterval = TimeSpan.FromSeconds(30),
    };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
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

        var redis = (await _store.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Redis];
        Assert.Equal(100.0 * 2 / 3, redis.Uptime.Day.Uptime!.Value, 6);
        Assert.Equal(redis.Uptime.Day.Uptime, redis.Uptime.Quarter.Uptime);
        Assert.Equal(5, redis.Checks24h);
        var today = redis.Days[^1];
        Assert.Equal((DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), 60.0, 30.0, 60.0),
            (today.Day, today.Time.UpSeconds, today.Time.DownSeconds, today.Time.MaintenanceSeconds));
        Assert.Equal(ComponentHistory.StripDays, redis.Days.Count);
        Assert.Null((await _store.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Api].Uptime.Day.Uptime);
    }

    [Fact]
    public async Task RawRowsExpire_AfterTheirRetention_WhileHourlyRollupsKeepTheUptime()
    {
        await RecordAsync(ComponentState.Outage, 10);
        _clock.Advance(TimeSpan.FromHours(50));
        await RecordAsync(ComponentState.Operational, 10);
        await _store.RollUpAsync(_clock.GetUtcNow(), default);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.CheckResults.CountAsync());
        Assert.Equal(2, await db.HourlyRollups.CountAsync());
        var redis = (await _store.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Redis];
        Assert.Equal(100, redis.Uptime.Day.Uptime);
        Assert.Equal(50, redis.Uptime.Week.Uptime);
        Assert.Single(redis.Latency);

        _clock.Advance(TimeSpan.FromDays(91));
        await RecordAsync(ComponentState.Operational, 10);
        await _store.RollUpAsync(_clock.GetUtcNow(), default);
        Assert.Equal(1, await db.HourlyRollups.CountAsync());
    }

    [Fact]
    public async Task Chart_AveragesLatencyPerBucket_WithoutMaintenance()
    {
        await RecordAsync(ComponentState.Operational, 10);
        await RecordAsync(ComponentState.Operational, 30);
        await RecordAsync(ComponentState.Maintenance, 5000);
        var point = Assert.Single((await _store.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Redis].Latency);
        Assert.Equal((20, 30), (point.AverageMs, point.MaxMs));
    }

    [Fact]
    public async Task UnderAnHourOfData_EveryWindowIsCollecting_AndTheJsonHasNoPercentage()
    {
        for (var i = 0; i < 94; i++) await RecordAsync(ComponentState.Operational, 10);

        var redis = (await _store.ReadAsync(_clock.GetUtcNow(), default))[Catalog.Redis];
        Assert.All([redis.Uptime.Day, redis.Uptime.Week, redis.Uptime.Month, redis.Uptime.Quarter], w => Assert.True(w.IsCollecting));
        Assert.Equal("collecting: 47 min of data", Format.Uptime(redis.Uptime.Week));
        Assert.Equal(100, redis.Uptime.Week.Uptime);
    }

    [Fact]
    public async Task ADayWithAGap_CountsTheGapAsUnknown_NotAsUp()
    {
        // Checks every 10 minutes from 00:10 to 18:00, none until 21:10, then to 23:50 with one outage: 125 checks.
        var store = new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Retention with { CheckInterval = TimeSpan.FromMinutes(10) });
        var midnight = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(1, 108).Concat(Enumerable.Range(127, 17)).Select(i => midnight.AddMinutes(10 * i)).ToList();
        foreach (var at in times)
        {
            var state = at == midnight.AddHours(22) ? ComponentState.Outage : ComponentState.Operational;
            await store.RecordAsync([new ComponentStatus(Catalog.Api, state, null, 10, at, [])], at, default);
        }

        var now = midnight.AddHours(23).AddMinutes(55);
        var api = (await store.ReadAsync(now, default))[Catalog.Api];
        var day = api.Uptime.Day;
        Assert.Equal((86100.0, 124 * 600.0, 600.0), (day.LengthSeconds, day.UpSeconds, day.DownSeconds));
        Assert.False(day.IsCollecting);
        Assert.Equal("99.20 % (13 % unknown)", Format.Uptime(day));
        Assert.Equal(day, api.Days[^1].Time);
        Assert.Equal(ComponentState.Degraded, api.Days[^1].State);
        Assert.Equal("collecting: 20 h 50 min of data", Format.Uptime(api.Uptime.Week));
    }

    private async Task RecordAsync(ComponentState state, double latencyMs)
    {
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _store.RecordAsync([new ComponentStatus(Catalog.Redis, state, null, latencyMs, _clock.GetUtcNow(), []),
            ComponentStatus.NotMonitored(Catalog.Loki)], _clock.GetUtcNow(), default);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
