namespace Aicq.StatusPage.History;

/// <summary>The history's SQL, in one place. State numbers are <see cref="State.ComponentState"/>'s.</summary>
internal static class HistorySql
{
    public const int ChartBucketSeconds = 900;

    /// <summary>$1: the first hour to recompute. Upserts every hour from there from its raw rows.</summary>
    public const string Rollup = """
        INSERT INTO status.hourly_rollups
            (component, hour, total, operational, degraded, outage, maintenance, latency_sum_ms, latency_count, latency_max_ms)
        SELECT component, date_trunc('hour', checked_at, 'UTC'), count(*),
               count(*) FILTER (WHERE state = 0), count(*) FILTER (WHERE state = 1),
               count(*) FILTER (WHERE state = 2), count(*) FILTER (WHERE state = 3),
               coalesce(sum(latency_ms), 0), count(latency_ms), max(latency_ms)
        FROM status.check_results
        WHERE checked_at >= $1
        GROUP BY 1, 2
        ON CONFLICT (component, hour) DO UPDATE SET
            total = excluded.total, operational = excluded.operational, degraded = excluded.degraded,
            outage = excluded.outage, maintenance = excluded.maintenance, latency_sum_ms = excluded.latency_sum_ms,
            latency_count = excluded.latency_count, latency_max_ms = excluded.latency_max_ms
        """;

    /// <summary>
    /// $1: component, $2 and $3: the last check before a gap and the first after it, $4: the check interval in seconds.
    /// Outage rows one interval apart in between, the last at least half an interval before $3.
    /// </summary>
    public const string FillOutage = """
        INSERT INTO status.check_results (component, checked_at, state)
        SELECT $1, t, 2
        FROM generate_series($2::timestamptz + make_interval(secs => $4), $3::timestamptz - make_interval(secs => $4 / 2), make_interval(secs => $4)) AS t
        """;

    /// <summary>$1: component, $2: times, $3: the state at each (evidence from the blackbox probe during a gap).</summary>
    public const string FillRows = """
        INSERT INTO status.check_results (component, checked_at, state)
        SELECT $1, t, s FROM unnest($2::timestamptz[], $3::smallint[]) AS r(t, s)
        """;

    /// <summary>$1: raw rows older than this go.</summary>
    public const string SweepRaw = "DELETE FROM status.check_results WHERE checked_at < $1";

    /// <summary>
    /// $1: hourly rollups older than this go, whole UTC days at a time, so the oldest day left is complete and a day
    /// reads either all from its hours or all from its daily rollup.
    /// </summary>
    public const string SweepRollups = "DELETE FROM status.hourly_rollups WHERE hour < date_trunc('day', $1::timestamptz, 'UTC')";

    /// <summary>$1: daily rollups of days before this one go.</summary>
    public const string SweepDaily = "DELETE FROM status.daily_rollups WHERE day < $1";

    /// <summary>
    /// $1: the first day whose hours may still change (raw rows can be filled in that far back), $2: the check interval
    /// in seconds. Upserts each day from its hourly rollups, from the earlier of $1 and the last day already rolled
    /// up (every kept hour when none is yet): idempotent, and nothing to remember across a restart.
    /// </summary>
    public const string RollupDays = $$"""
        INSERT INTO status.daily_rollups
            (component, day, checks, up_seconds, down_seconds, maintenance_seconds, latency_sum_ms, latency_count, latency_max_ms)
        SELECT component, (date_trunc('day', hour, 'UTC') AT TIME ZONE 'UTC')::date, sum(total),
               sum(operational * {{CheckSeconds}}), sum((degraded + outage) * {{CheckSeconds}}), sum(maintenance * {{CheckSeconds}}),
               sum(latency_sum_ms), sum(latency_count), max(latency_max_ms)
        FROM status.hourly_rollups
        WHERE hour >= (least($1::date, coalesce((SELECT max(day) FROM status.daily_rollups), '-infinity'::date))::timestamp AT TIME ZONE 'UTC')
        GROUP BY 1, 2
        ON CONFLICT (component, day) DO UPDATE SET
            checks = excluded.checks, up_seconds = excluded.up_seconds, down_seconds = excluded.down_seconds,
            maintenance_seconds = excluded.maintenance_seconds, latency_sum_ms = excluded.latency_sum_ms,
            latency_count = excluded.latency_count, latency_max_ms = excluded.latency_max_ms
        """;

    /// <summary>
    /// Seconds each check of an hour stands for: one check interval ($2), scaled down when an hour holds more checks
    /// than fit in it (after the interval was shortened), so no hour counts for more than 3 600 s.
    /// </summary>
    private const string CheckSeconds = "least($2::float8, 3600.0 / greatest(total, 1))";

    /// <summary>
    /// $1: the first UTC day of the strip; $2: the check interval in seconds. Up, down and maintenance seconds per
    /// component and day: from the day's hourly rollups while they are kept, else from its daily rollup.
    /// </summary>
    public const string Days = $"""
        SELECT component, date_trunc('day', hour, 'UTC') AT TIME ZONE 'UTC',
               sum(operational * {CheckSeconds}), sum((degraded + outage) * {CheckSeconds}), sum(maintenance * {CheckSeconds})
        FROM status.hourly_rollups
        WHERE hour >= $1
        GROUP BY 1, 2
        UNION ALL
        SELECT d.component, d.day::timestamp, d.up_seconds, d.down_seconds, d.maintenance_seconds
        FROM status.daily_rollups d
        WHERE d.day >= ($1::timestamptz AT TIME ZONE 'UTC')::date
          AND NOT EXISTS (SELECT 1 FROM status.hourly_rollups h WHERE h.component = d.component
                          AND h.hour >= d.day::timestamp AT TIME ZONE 'UTC' AND h.hour < (d.day + 1)::timestamp AT TIME ZONE 'UTC')
        """;

    /// <summary>$1: the first hour of the window; $2: the check interval in seconds. Checks, then up, down and maintenance seconds per component.</summary>
    public const string Window = $"""
        SELECT component, sum(total)::bigint,
               sum(operational * {CheckSeconds}), sum((degraded + outage) * {CheckSeconds}), sum(maintenance * {CheckSeconds})
        FROM status.hourly_rollups
        WHERE hour >= $1
        GROUP BY 1
        """;

    /// <summary>$1: the components. The latest check of each.</summary>
    public const string LastChecks = """
        SELECT DISTINCT ON (component) component, checked_at, state
        FROM status.check_results
        WHERE component = ANY($1)
        ORDER BY component, checked_at DESC
        """;

    /// <summary>$1: the start of the chart; $2: bucket seconds. Maintenance is left out: it is not the service's speed.</summary>
    public const string Latency = """
        SELECT component, to_timestamp(floor(extract(epoch FROM checked_at) / $2) * $2) AT TIME ZONE 'UTC',
               avg(latency_ms)::float8, max(latency_ms)::float8
        FROM status.check_results
        WHERE checked_at >= $1 AND latency_ms IS NOT NULL AND state <> 3
        GROUP BY 1, 2
        ORDER BY 1, 2
        """;
}
