namespace Aicq.Monitoring.Tests.FireDrill;

/// <summary>
/// Issue 4's fire drill, end to end on real processes: a dependency dies, the exporter and the API's own
/// health check see it, Prometheus fires the committed rules, Alertmanager routes and inhibits with the
/// committed configuration, and the on-call webhook (run by the test) is paged; the dependency comes back
/// and the resolved notifications follow. The Watchdog heartbeat must keep arriving the whole time.
/// Rules keep their production <c>for:</c> (30 s for both alerts), so one drill takes about a minute.
/// </summary>
[Collection(MonitoredApplianceCollection.Name)]
public sealed class FireDrillTests(MonitoredAppliance appliance)
{
    private static readonly TimeSpan PageWithin = TimeSpan.FromSeconds(90);

    // Longest the heartbeat may go quiet: repeat_interval is 5 s in the drill's configuration.
    private static readonly TimeSpan HeartbeatGap = TimeSpan.FromSeconds(15);

    [Fact]
    public Task RedisOutage_PagesOnCall_InhibitsApiSymptoms_ThenResolves() =>
        DrillAsync("RedisDown", "redis", appliance.Redis.StopAsync, appliance.Redis.StartAgainAsync);

    [Fact]
    public Task PostgresOutage_PagesOnCall_InhibitsApiSymptoms_ThenResolves() =>
        DrillAsync("PostgresDown", "postgres", () => appliance.Postgres.StopAsync(), appliance.Postgres.StartAgainAsync);

    private async Task DrillAsync(string cause, string check, Func<Task> stop, Func<Task> start)
    {
        await appliance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var receiver = appliance.Receiver;
        var symptoms = new InjectedSymptoms(appliance.Monitoring);
        var began = DateTimeOffset.UtcNow;
        await receiver.WaitForAsync(AlertReceiver.HeartbeatPath, "Watchdog", "firing", began, HeartbeatGap);

        try
        {
            await OutageAsync(cause, check, stop, start, symptoms);
        }
        finally
        {
            await symptoms.ResolveAsync(); // a failed drill must not leave pages repeating into the next
        }

        AssertHeartbeatThroughout(receiver, began, DateTimeOffset.UtcNow);
    }

    private async Task OutageAsync(string cause, string check, Func<Task> stop, Func<Task> start, InjectedSymptoms symptoms)
    {
        var receiver = appliance.Receiver;
        bool IsCheck(NotifiedAlert alert) => alert.Labels.GetValueOrDefault("check") == check;
        await stop();
        var stopped = DateTimeOffset.UtcNow;
        DateTimeOffset injected;
        try
        {
            var paged = await receiver.WaitForAsync(AlertReceiver.OnCallPath, cause, "firing", stopped, PageWithin);
            var confirmed = await receiver.WaitForAsync(AlertReceiver.OnCallPath, "AicqApiHealthCheckFailing", "firing", stopped, PageWithin, IsCheck);
            Assert.InRange(paged - stopped, TimeSpan.Zero, PageWithin);
            Assert.InRange(confirmed - stopped, TimeSpan.Zero, PageWithin);

            // While the cause fires, the API symptoms it explains are inhibited, never delivered.
            injected = DateTimeOffset.UtcNow;
            await symptoms.FireAsync();
            await symptoms.WaitUntilInhibitedAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(TimeSpan.FromSeconds(6)); // past group_wait (1 s) and two group_intervals (2 s)
            Assert.Empty(DeliveredSymptoms(receiver, injected));
        }
        finally
        {
            await start(); // whatever failed, the next test gets its dependency back
        }
        var restarted = DateTimeOffset.UtcNow;
        await receiver.WaitForAsync(AlertReceiver.OnCallPath, cause, "resolved", restarted, PageWithin);
        await receiver.WaitForAsync(AlertReceiver.OnCallPath, "AicqApiHealthCheckFailing", "resolved", restarted, PageWithin, IsCheck);
        // None before the dependency was back (once the cause resolves they may overtake its own resolved note).
        Assert.DoesNotContain(DeliveredSymptoms(receiver, injected), s => s.At < restarted);

        // Held back by inhibition, not lost to routing: once the cause resolves, the page goes out.
        await receiver.WaitForAsync(AlertReceiver.OnCallPath, "AicqApiHigh5xxRatio", "firing", restarted, TimeSpan.FromSeconds(30));
    }

    private static IEnumerable<(DateTimeOffset At, NotifiedAlert Alert)> DeliveredSymptoms(AlertReceiver receiver, DateTimeOffset since) =>
        receiver.Notifications.Where(n => n.ReceivedAt >= since)
            .SelectMany(n => n.Alerts.Select(a => (n.ReceivedAt, a)))
            .Where(x => InjectedSymptoms.Names.Contains(x.a.Name) && x.a.Status == "firing");

    private static void AssertHeartbeatThroughout(AlertReceiver receiver, DateTimeOffset from, DateTimeOffset to)
    {
        var beats = receiver.Alerts(AlertReceiver.HeartbeatPath, from)
            .Where(x => x.Alert.Name == "Watchdog" && x.Alert.Status == "firing")
            .Select(x => x.At).Distinct().Order().ToList();
        var gaps = beats.Prepend(from).Append(to).Zip(beats.Append(to), (earlier, later) => later - earlier);
        Assert.True(gaps.Max() <= HeartbeatGap,
            $"The Watchdog went quiet for {gaps.Max().TotalSeconds:0.0} s between {from:T} and {to:T} ({beats.Count} beats).");
    }
}
