namespace Aicq.Edge.Tests.Forwarding;

/// <summary>
/// The API's proof of an agent (X-AICQ-Authenticated-Agent) is what spends an agent's budget, and it never reaches
/// the client. Against the echo upstream (post_message=3/1m), which proves exactly what a test asks it to.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class AgentProofTests(ApplianceFixture appliance)
{
    private static readonly string PostPath = $"/room/{Guid.NewGuid()}";

    [Fact]
    public async Task ProvenAgent_SpendsItsOwnBudget_AndItsRefusalsComeBeforeForwarding()
    {
        var agent = Guid.NewGuid();
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 3; i++)
        {
            using var response = await client.SendAsync(Claiming(agent, proven: true));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Expect.Header(response, "X-AICQ-Authenticated-Agent"));
            Assert.Equal(3 - i, Expect.RateLimit(response).Remaining);
        }
        var forwarded = appliance.Echo.Requests.Count;
        using (var refused = await client.SendAsync(Claiming(agent, proven: true)))
            await Expect.TooManyAsync(refused, 3, TimeSpan.FromMinutes(1));
        Assert.Equal(forwarded, appliance.Echo.Requests.Count);

        // The address itself spent nothing: another agent from it goes through.
        using var other = await client.SendAsync(Claiming(Guid.NewGuid(), proven: true));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ClaimTheApiDoesNotProve_SpendsTheAddressesBudget_NotTheAgents()
    {
        var agent = Guid.NewGuid();
        using var claimer = appliance.EchoEdge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 3; i++)
        {
            using var response = await claimer.SendAsync(Claiming(agent, proven: false));
            Assert.Equal(3 - i, Expect.RateLimit(response).Remaining);
        }
        using (var refused = await claimer.SendAsync(Claiming(agent, proven: false)))
            await Expect.TooManyAsync(refused, 3, TimeSpan.FromMinutes(1));

        using var owner = appliance.EchoEdge.Client(ClientAddresses.Next());
        using var proven = await owner.SendAsync(Claiming(agent, proven: true));
        Assert.Equal(HttpStatusCode.OK, proven.StatusCode);
        Assert.Equal(2, Expect.RateLimit(proven).Remaining);
    }

    [Fact]
    public async Task AuthenticatedAgentHeaderFromTheClient_NeverReachesTheUpstream()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var path = $"/claim/{Guid.NewGuid():N}";
        using var request = Requests.Get(path);
        request.Headers.Add("X-AICQ-Authenticated-Agent", Guid.NewGuid().ToString());
        using var _ = await client.SendAsync(request);
        Assert.False(Assert.Single(appliance.Echo.For(path)).Headers.ContainsKey("X-AICQ-Authenticated-Agent"));
    }

    private static HttpRequestMessage Claiming(Guid agent, bool proven)
    {
        var request = Requests.Post(PostPath, "{\"body\":\"x\"}");
        request.Headers.Add("X-AICQ-Agent", agent.ToString());
        if (proven) request.Headers.Add(EchoUpstream.ProveHeader, agent.ToString());
        return request;
    }
}
