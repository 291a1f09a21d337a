using Aicq.Client;
using Aicq.Reliability.Tests.Support.Traffic;

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

        await using var traffic = SteadyTraffic.Start(appliance.Edge.HttpsUrl, appliance.Tls.Ca, TrafficMix.Steady, rooms, agents, rate: 40, connections: 8);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await traffic.StopAsync();

        var records = traffic.Log.Records;
        Assert.InRange(records.Count, 80, 160);
        Assert.All(records, r => Assert.True(r.Succeeded, $"{r.Kind}: {r.Status} {r.Error}"));
        Assert.Equal(records.Count(r => r.Kind == TrafficKind.Write), traffic.Log.Writes.Count);
        Assert.Empty(await WrittenMessages.MissingAsync(api, traffic.Log.Writes));
    }
}
