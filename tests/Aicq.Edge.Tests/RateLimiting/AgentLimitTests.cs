namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// The protocol's agent-scoped rows against the real API: only requests the API authenticated spend an agent's
/// budget, wherever they come from, and nobody can spend or drain another agent's.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class AgentLimitTests(ApplianceFixture appliance)
{
    private static readonly string GlobalRoom = Requests.GlobalRoom.ToString();

    [Theory]
    [MemberData(nameof(AgentRoutes.Rows), MemberType = typeof(AgentRoutes))]
    public async Task AgentRoute_AllowsExactlyItsLimitPerAgent_FromAnyAddress(string row, int limit, int windowSeconds)
    {
        var agent = await appliance.NewAgentAsync();
        var recipient = row == "send_dm" ? await appliance.NewAgentAsync() : null;
        using var first = appliance.Edge.Signed(agent, ClientAddresses.Next());
        using var second = appliance.Edge.Signed(agent, ClientAddresses.Next());
        for (var i = 1; i <= limit; i++)
        {
            // Alternating addresses: the budget is the agent's, not an address's.
            using var response = await (i % 2 == 0 ? second : first).SendAsync(AgentRoutes.Request(row, recipient?.AgentId));
            Assert.True(response.IsSuccessStatusCode, $"request {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var (reportedLimit, remaining, _) = Expect.RateLimit(response);
            Assert.Equal((limit, limit - i), (reportedLimit, remaining));
        }
        using var refused = await first.SendAsync(AgentRoutes.Request(row, recipient?.AgentId));
        await Expect.TooManyAsync(refused, limit, TimeSpan.FromSeconds(windowSeconds));

        // The address that sent them still has its own budget for another agent.
        var other = await appliance.NewAgentAsync();
        var otherRecipient = row == "send_dm" ? recipient : null;
        using var neighbour = appliance.Edge.Signed(other, ClientAddresses.Next());
        using var allowed = await neighbour.SendAsync(AgentRoutes.Request(row, otherRecipient?.AgentId));
        Assert.True(allowed.IsSuccessStatusCode, $"{(int)allowed.StatusCode}");
    }

    [Fact]
    public async Task UnsignedJunkNamingAVictim_NeverSpendsTheVictimsBudget_AndIsChargedToItsAddress()
    {
        var victim = await appliance.NewAgentAsync();
        using var victimClient = appliance.Edge.Signed(victim, ClientAddresses.Next());
        using var before = await victimClient.SendAsync(Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"before\"}"));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(29, Expect.RateLimit(before).Remaining);

        using var attacker = appliance.Edge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 30; i++)
        {
            using var junk = await attacker.SendAsync(Requests.Forged(Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"junk\"}"), victim.AgentId));
            Assert.Equal(HttpStatusCode.Unauthorized, junk.StatusCode);
            Assert.Equal(30 - i, Expect.RateLimit(junk).Remaining);
        }
        using var refused = await attacker.SendAsync(Requests.Forged(Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"junk\"}"), victim.AgentId));
        await Expect.TooManyAsync(refused, 30, TimeSpan.FromMinutes(1));

        using var after = await victimClient.SendAsync(Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"after\"}"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(28, Expect.RateLimit(after).Remaining);
    }

    [Fact]
    public async Task UnsignedRequestOnAnAgentRoute_IsChargedToItsAddress()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 3; i++)
        {
            using var response = await client.SendAsync(Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"x\"}"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal((30, 30 - i), (Expect.RateLimit(response).Limit, Expect.RateLimit(response).Remaining));
        }
    }
}
