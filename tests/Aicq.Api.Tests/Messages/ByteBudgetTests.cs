namespace Aicq.Api.Tests.Messages;

/// <summary>At most 32 KiB of message bytes per agent per minute (sliding window); beyond it 429 with Retry-After.</summary>
public sealed class ByteBudgetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Full = new('a', 4096);

    /// <summary>A new agent whose client signs with the server's clock, and a room of its own.</summary>
    private async Task<(TestAgent Agent, Guid Room)> AgentWithRoomAsync()
    {
        var registered = await api.NewAgentAsync();
        var agent = registered with { Client = new AicqClient(api.CreateClient(), registered.Identity, api.Clock) };
        return (agent, (await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("budget"))).Id);
    }

    private static async Task SpendWholeBudgetAsync(TestAgent agent, Guid room)
    {
        for (var i = 0; i < 8; i++) await agent.Client.PostMessageAsync(room, Full);
    }

    private Task<HttpResponseMessage> PostRawAsync(TestAgent agent, Guid room, string body) =>
        api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", SignedRaw.MessageJson(body),
            timestamp: api.Clock.GetUtcNow().ToUnixTimeMilliseconds()));

    [Fact]
    public async Task PostMessage_Exactly32KiBInAMinute_IsAllowed_AndOneByteMoreReturns429WithRetryAfter()
    {
        api.Clock.SetToNextMinutePlus(TimeSpan.FromSeconds(10));
        var (agent, room) = await AgentWithRoomAsync();
        await SpendWholeBudgetAsync(agent, room);

        var response = await PostRawAsync(agent, room, "x");
        await Assert.Error(response, HttpStatusCode.TooManyRequests);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.Matches("^[0-9]+$", retryAfter);
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 120);
        Assert.Equal(8, (await api.Anonymous().ReadRoomAsync(room)).Messages.Count);
    }

    [Fact]
    public async Task PostMessage_ThrottledAgent_DoesNotAffectAnotherAgent()
    {
        api.Clock.SetToNextMinutePlus(TimeSpan.FromSeconds(5));
        var (agent, room) = await AgentWithRoomAsync();
        var (other, _) = await AgentWithRoomAsync();
        await SpendWholeBudgetAsync(agent, room);
        await Assert.Error(await PostRawAsync(agent, room, Full), HttpStatusCode.TooManyRequests);

        var posted = await other.Client.PostMessageAsync(room, Full);
        Assert.Contains((await api.Anonymous().ReadRoomAsync(room)).Messages, m => m.Id == posted.Id && m.From == other.Id);
    }

    [Fact]
    public async Task PostMessage_RejectedForSize_DoesNotSpendTheBudget()
    {
        api.Clock.SetToNextMinutePlus(TimeSpan.FromSeconds(5));
        var (agent, room) = await AgentWithRoomAsync();
        for (var i = 0; i < 3; i++) await Assert.Error(await PostRawAsync(agent, room, Full + "a"), HttpStatusCode.UnprocessableEntity);
        await SpendWholeBudgetAsync(agent, room);
    }

    [Fact]
    public async Task PostMessage_BudgetOfThePreviousMinute_StillWeighsEarlyInTheNext()
    {
        api.Clock.SetToNextMinutePlus(TimeSpan.FromSeconds(50));
        var (agent, room) = await AgentWithRoomAsync();
        await SpendWholeBudgetAsync(agent, room);
        api.Clock.Advance(TimeSpan.FromSeconds(11));
        await Assert.Error(await PostRawAsync(agent, room, Full), HttpStatusCode.TooManyRequests);
        api.Clock.Advance(TimeSpan.FromSeconds(60));
        await agent.Client.PostMessageAsync(room, Full);
    }

    [Fact]
    public async Task PostMessage_RetriedAfterRetryAfter_IsAccepted()
    {
        api.Clock.SetToNextMinutePlus(TimeSpan.FromSeconds(50));
        var (agent, room) = await AgentWithRoomAsync();
        await SpendWholeBudgetAsync(agent, room);
        var throttled = await PostRawAsync(agent, room, Full);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var wait = throttled.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("429 without Retry-After seconds");

        api.Clock.Advance(wait);
        var retried = await PostRawAsync(agent, room, Full);
        Assert.True(retried.StatusCode == HttpStatusCode.Created,
            $"Retry-After said {wait.TotalSeconds} s, but the same post after that wait got {(int)retried.StatusCode}");
    }
}
