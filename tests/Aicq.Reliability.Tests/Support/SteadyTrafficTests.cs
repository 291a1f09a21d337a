namespace Aicq.Reliability.Tests.Support;

/// <summary>The suites' traffic itself: through the real edge, every kind answered, every acknowledged write readable.</summary>
public sealed class SteadyTrafficTests
{
    [Fact]
    public async Task SteadyMix_ThroughTheEdge_IsAnswered_AndEveryAcknowledgedWriteIsReadable()
    {
        await using var appliance = await ReliabilityAppliance.StartAsync(ReliabilityAppliance.GenerousLimits);
        var agents = new[] { await appliance.NewAgentAsync(), await appliance.NewAgentAsync() };
        using var api = appliance.Apis[0].CreateClient();
        var rooms = new List<Guid>();
        for (var i = 0; i < 2; i++) rooms.Add((await new AicqClient(api, agents[0]).CreateRoomAsync($"steady{i}")).Id);

        const double Rate = 40;
        const int Connections = 8;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var traffic = SteadyTraffic.Start(appliance.Edge.HttpsUrl, appliance.Tls.Ca, TrafficMix.Steady, rooms, agents, Rate, Connections);
        // Runs until 80 requests were answered, however long this machine takes; the rate only bounds it from above.
        Assert.True(await Poll.UntilAsync(() => traffic.Log.Records.Count >= 80, TimeSpan.FromSeconds(60)), $"{traffic.Log.Records.Count} answered in 60 s");
        await traffic.StopAsync();
        var ran = clock.Elapsed;

        var records = traffic.Log.Records;
        // Open loop: never more than the schedule had sent by the time it stopped, plus what was in flight.
        Assert.InRange(records.Count, 80, (int)Math.Ceiling(Rate * ran.TotalSeconds) + Connections);
        Assert.All(records, r => Assert.True(r.Succeeded, $"{r.Kind}: {r.Status} {r.Error}"));
        Assert.Equal(records.Count(r => r.Kind == TrafficKind.Write), traffic.Log.Writes.Count);
        Assert.Empty(await WrittenMessages.MissingAsync(api, traffic.Log.Writes));
    }
}
