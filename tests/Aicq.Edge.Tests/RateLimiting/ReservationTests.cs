namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// A claimed agent's budget is reserved before forwarding and settled by the upstream's answer, whatever the client
/// does meanwhile. Against the echo upstream (post_message=3/1m), which proves what a test asks and holds a request
/// until the test lets it answer, so "in flight" and "the client has gone" are states a test can stand in.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class ReservationTests(ApplianceFixture appliance)
{
    private readonly string _path = $"/room/{Guid.NewGuid()}";

    [Fact]
    public async Task ClientThatHangsUpWhileForwarded_IsStillCharged_WhenTheUpstreamProvesItsAgent()
    {
        var agent = Guid.NewGuid();
        var hold = Guid.NewGuid().ToString("N");
        using var connection = await HangUp.SendAsync(appliance.EchoEdge, ClientAddresses.Next(), _path, Encoding.UTF8.GetBytes("{\"body\":\"x\"}"),
        [
            new("X-AICQ-Agent", agent.ToString()),
            new(EchoUpstream.ProveHeader, agent.ToString()),
            new(EchoUpstream.HoldHeader, hold),
        ]);
        await WaitUntilForwardedAsync(hold);
        connection.Close();
        // Give the edge every chance to pass the hang-up on: look-then-charge cancelled the forward and charged nothing.
        await Task.WhenAny(appliance.Echo.CancelledAsync(hold), Task.Delay(TimeSpan.FromSeconds(3)));
        appliance.Echo.Release(hold);

        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        using var next = await client.SendAsync(Claiming(agent, proven: true));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, Expect.RateLimit(next).Remaining);
        Assert.False(await appliance.Echo.CancelledAsync(hold), "the edge cancelled the forward when its client hung up");
    }

    [Fact]
    public async Task UnprovenClaim_HoldsTheAgentsBudgetWhileInFlight_ThenMovesToTheClientAddress()
    {
        var agent = Guid.NewGuid();
        var hold = Guid.NewGuid().ToString("N");
        using var claimer = appliance.EchoEdge.Client(ClientAddresses.Next());
        using var owner = appliance.EchoEdge.Client(ClientAddresses.Next());
        var held = claimer.SendAsync(Claiming(agent, proven: false, hold));
        await WaitUntilForwardedAsync(hold);

        // In flight, the claim holds one of the agent's three requests: a burst can never outrun the limit.
        using (var during = await owner.SendAsync(Claiming(agent, proven: true)))
            Assert.Equal(1, Expect.RateLimit(during).Remaining);

        appliance.Echo.Release(hold);
        using (var answer = await held)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(2, Expect.RateLimit(answer).Remaining);
        }
        // Settled: unproven, so the claimer's address paid and the agent got its request back.
        using (var after = await owner.SendAsync(Claiming(agent, proven: true)))
            Assert.Equal(1, Expect.RateLimit(after).Remaining);
        using (var again = await claimer.SendAsync(Claiming(Guid.NewGuid(), proven: false)))
            Assert.Equal(1, Expect.RateLimit(again).Remaining);
    }

    private async Task WaitUntilForwardedAsync(string hold)
    {
        for (var i = 0; i < 300 && !appliance.Echo.Requests.Any(r => r.Headers.GetValueOrDefault(EchoUpstream.HoldHeader) == hold); i++)
            await Task.Delay(100);
        Assert.Contains(appliance.Echo.Requests, r => r.Headers.GetValueOrDefault(EchoUpstream.HoldHeader) == hold);
    }

    private HttpRequestMessage Claiming(Guid agent, bool proven, string? hold = null)
    {
        var request = Requests.Post(_path, "{\"body\":\"x\"}");
        request.Headers.Add("X-AICQ-Agent", agent.ToString());
        if (proven) request.Headers.Add(EchoUpstream.ProveHeader, agent.ToString());
        if (hold is not null) request.Headers.Add(EchoUpstream.HoldHeader, hold);
        return request;
    }
}
