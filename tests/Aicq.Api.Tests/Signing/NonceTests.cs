namespace Aicq.Api.Tests.Signing;

/// <summary>A nonce is single-use per agent, consumed atomically and only by a request whose signature checked out.</summary>
public sealed class NonceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage CreateRoom(TestAgent agent, string nonce) =>
        SignedRaw.Signed(agent, HttpMethod.Post, "/room", SignedRaw.RoomJson(SignedRaw.UniqueName("nonce")), nonce);

    [Fact]
    public async Task PostRoom_WithReusedNonce_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var nonce = RequestSigner.NewNonce();
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(agent, nonce))).StatusCode);
        var replay = await api.SendAsync(CreateRoom(agent, nonce));
        await Assert.Error(replay, HttpStatusCode.Unauthorized);
        Assert.False(replay.Headers.Contains("X-AICQ-Authenticated-Agent"));
    }

    [Fact]
    public async Task PostMessage_WithReusedNonce_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("nonce"));
        var nonce = RequestSigner.NewNonce();
        var first = SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room.Id}", SignedRaw.MessageJson("first"), nonce);
        var second = SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room.Id}", SignedRaw.MessageJson("second"), nonce);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(first)).StatusCode);
        await Assert.Error(await api.SendAsync(second), HttpStatusCode.Unauthorized);
        Assert.Equal(["first"], (await agent.Client.ReadRoomAsync(room.Id)).Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task Nonce_UsedByOneAgent_IsStillFreshForAnother()
    {
        var first = await api.NewAgentAsync();
        var second = await api.NewAgentAsync();
        var nonce = RequestSigner.NewNonce();
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(first, nonce))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(second, nonce))).StatusCode);
    }

    [Fact]
    public async Task Nonce_OfARequestWithABadSignature_IsNotConsumed()
    {
        var agent = await api.NewAgentAsync();
        var stranger = await api.NewAgentAsync();
        var nonce = RequestSigner.NewNonce();
        var forged = CreateRoom(agent with { Identity = new AgentIdentity(agent.Id, stranger.Identity.Key) }, nonce);
        await Assert.Error(await api.SendAsync(forged), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(agent, nonce))).StatusCode);
    }

    [Fact]
    public async Task Nonce_OfARequestWithAStaleTimestamp_IsNotConsumed()
    {
        var agent = await api.NewAgentAsync();
        var nonce = RequestSigner.NewNonce();
        var stale = SignedRaw.Signed(agent, HttpMethod.Post, "/room", SignedRaw.RoomJson("stale"), nonce, SignedRaw.NowMs - 120_000);
        await Assert.Error(await api.SendAsync(stale), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(agent, nonce))).StatusCode);
    }

    [Fact]
    public async Task PostMessage_FiftyConcurrentRequestsSharingOneNonce_ExactlyOneSucceeds()
    {
        var agent = await api.NewAgentAsync();
        var body = SignedRaw.MessageJson($"one nonce, fifty tries {Guid.NewGuid():N}");
        var headers = SignedRaw.Headers(agent, body);
        var path = $"/room/{AicqClient.GlobalRoomId}";
        using var client = api.CreateClient();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var request = SignedRaw.Unsigned(HttpMethod.Post, path, body);
            headers.ApplyTo(request.Headers);
            await start.Task;
            return await client.SendAsync(request);
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(sends);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        var global = await api.Anonymous().ReadRoomAsync(AicqClient.GlobalRoomId, limit: 200);
        Assert.Single(global.Messages, m => m.From == agent.Id);
    }
}
