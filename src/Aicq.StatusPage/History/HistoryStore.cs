using Aicq.ServiceDefaults.Data;
using Aicq.StatusPage.Data;
using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.History;

/// <summary>
/// Writes check results and keeps them bounded: raw rows for the chart (STATUS_RAW_RETENTION_HOURS), hourly rollups
/// for the 24-hour window and recent days (STATUS_ROLLUP_RETENTION_DAYS), daily rollups for older days
/// (STATUS_DAILY_RETENTION_DAYS). The current and previous hours' rollups are recomputed from raw rows on every write,
/// so they are exact and survive a restart at any moment; days are rolled up and old rows swept by <see cref="RollupJob"/>.
/// </summary>
internal sealed class HistoryStore(
    IDbContextFactory<StatusDbContext> contexts, NpgsqlDataSource dataSource, DatabaseMigrator<StatusDbContext> migrator, HistorySettings settings)
{
    public bool IsReady => migrator.IsMigrated;

    /// <summary>
    /// Records one check cycle and returns the gaps in the public path's checks it closes. A gap found in outage on both
    /// sides is filled with outage rows one check interval apart (see <see cref="CheckGap"/>), if its raw rows can still be
    /// rolled up; any other gap stays without rows: unknown.
    /// </summary>
    public async Task<IReadOnlyList<CheckGap>> RecordAsync(IReadOnlyList<ComponentStatus> statuses, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = statuses
            .Where(s => s.State.IsRecorded())
            .Select(s => new CheckResult { Component = s.Key, CheckedAt = at, State = s.State, LatencyMs = (float?)s.LatencyMs })
            .ToList();
        if (rows.Count == 0) return [];
        var gaps = CheckGaps.Find(await LastChecksAsync(CheckGaps.PublicPath, cancellationToken), statuses, at, settings.GapAfter);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.CheckResults.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
        }
        var rollupFrom = HourOf(at).AddHours(-1);
        foreach (var gap in gaps.Where(g => g.DownThroughout && Fillable(g, at)))
        {
            await ExecuteAsync(HistorySql.FillOutage, cancellationToken, gap.Component, gap.From, gap.To, settings.CheckInterval.TotalSeconds);
            rollupFrom = HourOf(gap.From) < rollupFrom ? HourOf(gap.From) : rollupFrom;
        }
        await ExecuteAsync(HistorySql.Rollup, cancellationToken, rollupFrom);
        return gaps;
    }

    /// <summary>
    /// Rolls the days whose hours may have changed into daily rollups, then sweeps what is past its retention: days
    /// first, so a day's hours go only after the day holds them. Idempotent; safe to stop at any point.
    /// </summary>
    public async Task RollUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changeable = DateOnly.FromDateTime((now - settings.RawRetention).UtcDateTime).AddDays(-1);
        await ExecuteAsync(HistorySql.RollupDays, cancellationToken, changeable, settings.CheckInterval.TotalSeconds);
        await ExecuteAsync(HistorySql.SweepRaw, cancellationToken, now - settings.RawRetention);
        await ExecuteAsync(HistorySql.SweepRollups, cancellationToken, now - settings.RollupRetention);
        await ExecuteAsync(HistorySql.SweepDaily, cancellationToken, DateOnly.FromDateTime((now - settings.DailyRetention).UtcDateTime));
    }

    /// <summary>
    /// Writes what the blackbox probe saw during gaps (<see cref="CheckGap.Probe"/>) as check rows at the places an outage
    /// fill would take (<see cref="GapEvidence.Rows"/>), and recomputes their hours; places no evidence covers stay unknown.
    /// </summary>
    public async Task RecordEvidenceAsync(IReadOnlyList<CheckGap> gaps, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var filled = gaps.Where(g => g.Probe.Count > 0 && Fillable(g, at)).ToList();
        foreach (var gap in filled)
        {
            var rows = GapEvidence.Rows(gap, gap.Probe, settings.CheckInterval);
            await ExecuteAsync(HistorySql.FillRows, cancellationToken, gap.Component,
                rows.Select(r => r.At).ToArray(), rows.Select(r => (short)r.State).ToArray());
        }
        if (filled.Count > 0) await ExecuteAsync(HistorySql.Rollup, cancellationToken, HourOf(filled.Min(g => g.From)));
    }

    /// <summary>Older raw rows may be partly swept already: recomputing their hours would undercount them.</summary>
    private bool Fillable(CheckGap gap, DateTimeOffset at) => gap.From > at - settings.RawRetention + TimeSpan.FromHours(1);

    public async Task<IReadOnlyDictionary<string, ComponentHistory>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = settings.CheckInterval.TotalSeconds;
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - ComponentHistory.StripDays);
        var days = await QueryAsync(HistorySql.Days, r => (Component: r.GetString(0), Day: DateOnly.FromDateTime(r.GetDateTime(1)),
            Up: r.GetDouble(2), Down: r.GetDouble(3), Maintenance: r.GetDouble(4)),
            cancellationToken, new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), interval);
        var dayStart = HourOf(now).AddHours(-23);
        var lastDay = await QueryAsync(HistorySql.Window, r => (Component: r.GetString(0), Checks: r.GetInt64(1),
            Time: new UptimeWindow((now - dayStart).TotalSeconds, r.GetDouble(2), r.GetDouble(3), r.GetDouble(4))),
            cancellationToken, dayStart, interval);
        var latency = await QueryAsync(HistorySql.Latency, r => (Component: r.GetString(0), Point: new LatencyPoint(
                new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero), r.GetDouble(2), r.GetDouble(3))),
            cancellationToken, now.AddHours(-24), HistorySql.ChartBucketSeconds);

        var empty = ComponentHistory.EmptyDays(now);
        var result = new Dictionary<string, ComponentHistory>();
        foreach (var key in Catalog.All.Select(c => c.Key))
        {
            var mine = days.Where(d => d.Component == key).ToDictionary(d => d.Day);
            var bars = empty.Select(e => mine.TryGetValue(e.Day, out var d)
                ? e with { Time = e.Time with { UpSeconds = d.Up, DownSeconds = d.Down, MaintenanceSeconds = d.Maintenance } } : e).ToList();
            var window = lastDay.FirstOrDefault(w => w.Component == key);
            result[key] = new ComponentHistory(
                new UptimeWindows(window.Time ?? UptimeWindow.Empty((now - dayStart).TotalSeconds),
                    UptimeWindow.Sum(bars.TakeLast(7).Select(b => b.Time)), UptimeWindow.Sum(bars.TakeLast(30).Select(b => b.Time)),
                    UptimeWindow.Sum(bars.Select(b => b.Time))),
                bars,
                latency.Where(l => l.Component == key).Select(l => l.Point).ToList(),
                window.Checks);
        }
        return result;
    }

    /// <summary>The last recorded check of each of <paramref name="components"/> (those never checked are absent).</summary>
    private async Task<IReadOnlyDictionary<string, (DateTimeOffset At, ComponentState State)>> LastChecksAsync(
        IReadOnlyList<string> components, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(HistorySql.LastChecks, r => (Component: r.GetString(0),
            At: new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero), State: (ComponentState)r.GetInt16(2)), cancellationToken, (object)components.ToArray());
        return rows.ToDictionary(r => r.Component, r => (r.At, r.State));
    }

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
