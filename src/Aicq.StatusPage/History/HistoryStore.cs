using Aicq.ServiceDefaults.Data;
using Aicq.StatusPage.Data;
using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.History;

/// <summary>
/// Writes check results and keeps them bounded: raw rows for the chart (STATUS_RAW_RETENTION_HOURS), hourly rollups
/// for uptime and the strip (STATUS_ROLLUP_RETENTION_DAYS). The current and previous hours' rollups are recomputed
/// from raw rows on every write, so they are exact and survive a restart at any moment.
/// </summary>
internal sealed class HistoryStore(
    IDbContextFactory<StatusDbContext> contexts, NpgsqlDataSource dataSource, DatabaseMigrator<StatusDbContext> migrator, HistorySettings settings)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public bool IsReady => migrator.IsMigrated;

    public async Task RecordAsync(IEnumerable<ComponentStatus> statuses, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = statuses
            .Where(s => s.State is ComponentState.Operational or ComponentState.Degraded or ComponentState.Outage or ComponentState.Maintenance)
            .Select(s => new CheckResult { Component = s.Key, CheckedAt = at, State = s.State, LatencyMs = (float?)s.LatencyMs })
            .ToList();
        if (rows.Count == 0) return;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.CheckResults.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
        }
        await ExecuteAsync(HistorySql.Rollup, cancellationToken, HourOf(at).AddHours(-1));
        if (at - _lastSweep >= SweepEvery)
        {
            await ExecuteAsync(HistorySql.SweepRaw, cancellationToken, at - settings.RawRetention);
            await ExecuteAsync(HistorySql.SweepRollups, cancellationToken, at - settings.RollupRetention);
            _lastSweep = at;
        }
    }

    public async Task<IReadOnlyDictionary<string, ComponentHistory>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(1 - ComponentHistory.StripDays);
        var days = await QueryAsync(HistorySql.Days, r => (Component: r.GetString(0), Day: DateOnly.FromDateTime(r.GetDateTime(1)),
            Total: r.GetInt64(2), Operational: r.GetInt64(3), Maintenance: r.GetInt64(4)),
            cancellationToken, new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var lastDay = await QueryAsync(HistorySql.Window, r => (Component: r.GetString(0), Total: r.GetInt64(1), Operational: r.GetInt64(2), Maintenance: r.GetInt64(3)),
            cancellationToken, HourOf(now).AddHours(-23));
        var latency = await QueryAsync(HistorySql.Latency, r => (Component: r.GetString(0), Point: new LatencyPoint(
                new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero), r.GetDouble(2), r.GetDouble(3))),
            cancellationToken, now.AddHours(-24), HistorySql.ChartBucketSeconds);

        var empty = ComponentHistory.EmptyDays(now);
        var result = new Dictionary<string, ComponentHistory>();
        foreach (var key in Catalog.All.Select(c => c.Key))
        {
            var mine = days.Where(d => d.Component == key).ToDictionary(d => d.Day);
            var bars = empty.Select(e => mine.TryGetValue(e.Day, out var d)
                ? new DayBar(e.Day, (int)d.Total, (int)d.Operational, (int)d.Maintenance) : e).ToList();
            var window = lastDay.FirstOrDefault(w => w.Component == key);
            result[key] = new ComponentHistory(
                new UptimeWindows(Uptime(window.Total, window.Operational, window.Maintenance), Uptime(bars.TakeLast(7)),
                    Uptime(bars.TakeLast(30)), Uptime(bars)),
                bars,
                latency.Where(l => l.Component == key).Select(l => l.Point).ToList(),
                window.Total);
        }
        return result;
    }

    private static double? Uptime(IEnumerable<DayBar> bars)
    {
        var list = bars.ToList();
        return Uptime(list.Sum(b => b.Total), list.Sum(b => b.Operational), list.Sum(b => b.Maintenance));
    }

    private static double? Uptime(long total, long operational, long maintenance) =>
        total - maintenance <= 0 ? null : 100.0 * operational / (total - maintenance);

    private static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }
}
