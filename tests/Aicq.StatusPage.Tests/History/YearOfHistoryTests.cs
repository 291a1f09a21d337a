namespace Aicq.StatusPage.Tests.History;

/// <summary>
/// A year of one component's checks every 30 s on real PostgreSQL, rolled up by the job as it runs in production:
/// the storage stays bounded, and uptime and the 90-day strip read the same before and after the raw rows and most
/// hourly rollups are gone. Prints the bytes per component per year (docs/architecture.md quotes it).
/// </summary>
public sealed class YearOfHistoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly HistorySettings Defaults = new()
    {
        RawRetention = TimeSpan.FromHours(48), RollupRetention = TimeSpan.FromDays(14), DailyRetention = TimeSpan.FromDays(400),
        CheckInterval = TimeSpan.FromSeconds(30),
    };
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 42, 10, TimeSpan.Zero);
    private StatusDatabase _database = null!;

    public async Task InitializeAsync() => _database = await StatusDatabase.CreateAsync();

    [Fact]
    public async Task AYearOfChecks_RollsUpIntoABoundedSize_WithTheSameUptime()
    {
        await InsertYearAsync();
        var store = new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Defaults);
        var before = (await store.ReadAsync(Now, default))[Catalog.Api];
        var rawYearBytes = await BytesAsync();

        await store.RollUpAsync(Now, default);
        var after = (await store.ReadAsync(Now, default))[Catalog.Api];
        AssertSame(before, after);

        // Raw rows for two days, hourly rollups for 14 whole days and today, one daily rollup per day checked (every 50th was not).
        Assert.InRange(await CountAsync("check_results"), 1, Defaults.RawRetention / Defaults.CheckInterval + 1);
        Assert.InRange(await CountAsync("hourly_rollups"), 1, 15 * 24);
        Assert.InRange(await CountAsync("daily_rollups"), 355, 366);
        Assert.Equal(0, await CountAsync("hourly_rollups WHERE hour < now() - interval '1 day' AND hour < $1::timestamptz - interval '15 days'", Now));

        // Run again, and again from a new store as after a restart: nothing changes.
        await store.RollUpAsync(Now, default);
        await new HistoryStore(_database.Contexts, _database.DataSource, _database.Migrator, Defaults).RollUpAsync(Now, default);
        AssertSame(before, (await store.ReadAsync(Now, default))[Catalog.Api]);
        Assert.InRange(await CountAsync("daily_rollups"), 355, 366);

        await ExecuteAsync("VACUUM FULL status.check_results");
        await ExecuteAsync("VACUUM FULL status.hourly_rollups");
        await ExecuteAsync("VACUUM FULL status.daily_rollups");
        var bounded = await BytesAsync();
        var figure = $"one component, one year of checks every 30 s: raw {rawYearBytes / 1024.0 / 1024.0:0.0} MiB before the roll-up; " +
            $"after it (2 days raw, 14 days hourly, a year daily) {bounded / 1024.0:0} KiB";
        output.WriteLine(figure);
        Directory.CreateDirectory(Artifacts.Directory);
        var path = Path.Combine(Artifacts.Directory, "history-bytes-per-component-year.txt");
        await File.WriteAllTextAsync(path, figure + Environment.NewLine);
        Console.WriteLine($"{figure} ({path})");
        Assert.InRange(bounded, 1, 2 * 1024 * 1024);
        Assert.True(bounded * 20 < rawYearBytes, "the roll-up must shrink a year of raw checks by far");
    }

    private static void AssertSame(ComponentHistory before, ComponentHistory after)
    {
        var windows = new[] { (before.Uptime.Day, after.Uptime.Day), (before.Uptime.Week, after.Uptime.Week),
            (before.Uptime.Month, after.Uptime.Month), (before.Uptime.Quarter, after.Uptime.Quarter) };
        foreach (var (a, b) in windows.Concat(before.Days.Zip(after.Days, (x, y) => (x.Time, y.Time))))
        {
            Assert.Equal(a.UpSeconds, b.UpSeconds, 6);
            Assert.Equal(a.DownSeconds, b.DownSeconds, 6);
            Assert.Equal(a.MaintenanceSeconds, b.MaintenanceSeconds, 6);
            Assert.Equal(a.LengthSeconds, b.LengthSeconds, 6);
        }
        Assert.Equal(before.Days.Select(d => d.State), after.Days.Select(d => d.State));
        // The history is not trivial: outages, maintenance and days nothing checked, 90 days back.
        Assert.Contains(before.Days, d => d.State == ComponentState.Outage);
        Assert.Contains(before.Days, d => d.Time.MaintenanceSeconds > 0);
        Assert.Contains(before.Days.SkipLast(1), d => d.State == ComponentState.Unknown);
        Assert.False(before.Uptime.Quarter.IsCollecting);
    }

    /// <summary>
    /// Checks every 30 s for a year: an outage 03:00–06:00 every 13th day, maintenance 10:00–12:00 every 29th, a slow
    /// (degraded) check now and then, nothing checked on every 50th day; then every hour rolled up as the page does.
    /// </summary>
    private async Task InsertYearAsync()
    {
        await ExecuteAsync("""
            INSERT INTO status.check_results (component, checked_at, state, latency_ms)
            SELECT 'api', t,
                   CASE WHEN extract(doy FROM t AT TIME ZONE 'UTC')::int % 13 = 0 AND extract(hour FROM t AT TIME ZONE 'UTC') BETWEEN 3 AND 5 THEN 2
                        WHEN extract(doy FROM t AT TIME ZONE 'UTC')::int % 29 = 0 AND extract(hour FROM t AT TIME ZONE 'UTC') BETWEEN 10 AND 11 THEN 3
                        WHEN extract(epoch FROM t)::bigint % 86413 < 30 THEN 1
                        ELSE 0 END,
                   20 + extract(epoch FROM t)::bigint % 17
            FROM generate_series($1::timestamptz, $2::timestamptz, interval '30 seconds') AS t
            WHERE extract(doy FROM t AT TIME ZONE 'UTC')::int % 50 <> 0
            """, Now.AddDays(-365), Now);
        await ExecuteAsync(HistorySql.Rollup, Now.AddDays(-366));
    }

    private async Task<long> BytesAsync()
    {
        await using var command = _database.DataSource.CreateCommand("""
            SELECT pg_total_relation_size('status.check_results') + pg_total_relation_size('status.hourly_rollups') + pg_total_relation_size('status.daily_rollups')
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string tableAndFilter, params object[] parameters)
    {
        await using var command = _database.DataSource.CreateCommand($"SELECT count(*) FROM status.{tableAndFilter}");
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
