namespace Aicq.Edge.Tests.Regions;

/// <summary>
/// Multi-region on Fly, end to end through <see cref="FakeFlyProxy"/>: writes that arrive in a replica region are replayed
/// to the primary and succeed there; reads are answered where they arrive; a replay is never replayed again.
/// </summary>
public sealed class RegionReplayTests(TwoRegionsFixture regions) : IClassFixture<TwoRegionsFixture>
{
    private const string Replays = "aicq_edge_region_replays_total";
    private const string GlobalRoom = "/room/00000000-0000-0000-0000-000000000001";

    [Fact]
    public async Task Writes_ArrivingInAReplicaRegion_AreReplayedToThePrimary_AndSucceedThere()
    {
        var sent = await CountAsync(regions.ReplicaEdge, "sent");
        var received = await CountAsync(regions.PrimaryEdge, "received");
        var key = AgentKey.Generate();
        using var client = regions.Client(TwoRegionsFixture.Replica);

        using var registered = await client.SendAsync(Requests.Post("/register", $"{{\"public_key\":\"{key.PublicKeyBase64}\",\"name\":\"from-lhr\"}}"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("lhr:409>iad:201", Hops(registered));
        var id = Guid.Parse(await StringAsync(registered, "id"));

        using var identity = new AgentIdentity(id, key);
        using var signed = regions.Signed(TwoRegionsFixture.Replica, identity);
        using var posted = await signed.SendAsync(Requests.Post(GlobalRoom, "{\"body\":\"written in lhr, decided in iad\"}"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("lhr:409>iad:201", Hops(posted));
        var messageId = await StringAsync(posted, "id");

        using var deleted = await signed.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{GlobalRoom}/{messageId}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("lhr:409>iad:204", Hops(deleted));

        Assert.Equal(sent + 3, await CountAsync(regions.ReplicaEdge, "sent"));
        Assert.Equal(received + 3, await CountAsync(regions.PrimaryEdge, "received"));
    }

    [Theory]
    [InlineData("/channels")]
    [InlineData("/stats")]
    [InlineData("/find?q=replayed+regions")]
    [InlineData(GlobalRoom + "?limit=5")]
    public async Task UnsignedReads_InAReplicaRegion_AreAnsweredThere(string path)
    {
        var sent = await CountAsync(regions.ReplicaEdge, "sent");
        using var client = regions.Client(TwoRegionsFixture.Replica);
        using var response = await client.SendAsync(Requests.Get(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lhr:200", Hops(response));
        Assert.Equal(sent, await CountAsync(regions.ReplicaEdge, "sent"));
    }

    [Fact]
    public async Task AgentRead_InAReplicaRegion_IsAnsweredThere()
    {
        var agent = await regions.NewAgentAsync();
        using var client = regions.Client(TwoRegionsFixture.Replica);
        using var response = await client.SendAsync(Requests.Get($"/who/{agent.AgentId}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lhr:200", Hops(response));
    }

    /// <summary>A signed read spends a nonce, and nonces are checked only where writes are decided.</summary>
    [Fact]
    public async Task SignedReads_InAReplicaRegion_AreReplayed_SoTheirNonceIsCheckedInThePrimary()
    {
        using var agent = await regions.NewAgentAsync();
        using var signed = regions.Signed(TwoRegionsFixture.Replica, agent);
        using var inbox = await signed.SendAsync(Requests.Get("/dm?limit=5"));
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Equal("lhr:409>iad:200", Hops(inbox));
        using var room = await signed.SendAsync(Requests.Get(GlobalRoom + "?limit=1"));
        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        Assert.Equal("lhr:409>iad:200", Hops(room));
    }

    /// <summary>
    /// Straight at the replica region's edge, as Fly's proxy reaches it: a write is answered before its body is read (a
    /// body over the limit is not a 413 here) and before any budget is charged (the eleventh registration within the
    /// hour is no 429 and no response carries budget headers), so the primary region alone charges and refuses.
    /// </summary>
    [Fact]
    public async Task ReplicaRegion_AnswersWritesBeforeReadingTheBodyOrChargingABudget()
    {
        using var edge = new HttpClient { BaseAddress = new Uri(regions.ReplicaEdge.HttpUrl), Timeout = TestTimeouts.Request };
        var client = ClientAddresses.Next().ToString();
        for (var i = 0; i < 12; i++)
        {
            using var request = AsFlyProxy(Requests.Register(), client);
            using var response = await edge.SendAsync(request);
            await Expect.ErrorAsync(response, HttpStatusCode.Conflict);
            Assert.Equal("region=iad", Expect.Header(response, "fly-replay"));
            Assert.Null(Expect.Header(response, "X-RateLimit-Limit"));
        }
        using var oversized = AsFlyProxy(Requests.Post("/register", $"{{\"name\":\"{new string('x', 9000)}\"}}"), client);
        using var answer = await edge.SendAsync(oversized);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal("region=iad", Expect.Header(answer, "fly-replay"));

        // Through Fly's proxy the same body is refused where it is decided.
        using var viaFly = regions.Client(TwoRegionsFixture.Replica);
        using var refused = await viaFly.SendAsync(Requests.Post("/register", $"{{\"name\":\"{new string('x', 9000)}\"}}"));
        await Expect.ErrorAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("lhr:409>iad:413", Hops(refused));
    }

    /// <summary>A client may write fly-replay-src itself: in a replica region that earns its write a 503, never local work or a replay.</summary>
    [Fact]
    public async Task ForgedReplayMark_InAReplicaRegion_Gets503_NeverAReplayOrLocalWork()
    {
        var refusedBefore = await CountAsync(regions.ReplicaEdge, "refused");
        using var client = regions.Client(TwoRegionsFixture.Replica);
        using var request = Requests.Register();
        request.Headers.TryAddWithoutValidation("fly-replay-src", "instance=forged;region=iad;t=1");
        using var response = await client.SendAsync(request);
        await Expect.ErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("lhr:503", Hops(response));
        Assert.Null(Expect.Header(response, "fly-replay"));
        Assert.Equal(refusedBefore + 1, await CountAsync(regions.ReplicaEdge, "refused"));
    }

    /// <summary>In the primary the mark changes nothing: the write is decided there as any other.</summary>
    [Fact]
    public async Task ForgedReplayMark_InThePrimaryRegion_IsServedAsAnyWrite()
    {
        using var client = regions.Client(TwoRegionsFixture.Primary);
        using var request = Requests.Register();
        request.Headers.TryAddWithoutValidation("fly-replay-src", "instance=forged;region=lhr;t=1");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("iad:201", Hops(response));
    }

    /// <summary>Two regions that disagree on the primary (ams sends to lhr, lhr to iad): the replay stops at the second hop.</summary>
    [Fact]
    public async Task ReplayedWrite_ReachingAnotherReplicaRegion_IsNeverReplayedAgain()
    {
        using var client = regions.Client(TwoRegionsFixture.Disagreeing);
        using var response = await client.SendAsync(Requests.Register());
        await Expect.ErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("ams:409>lhr:503", Hops(response));
    }

    [Fact]
    public async Task ReplayOutcomes_AreAClosedLabelSet_PresentFromTheStart()
    {
        foreach (var outcome in new[] { "sent", "received", "refused" })
            Assert.NotNull(await regions.PrimaryEdge.MetricAsync(Replays, ("outcome", outcome)));
    }

    private static HttpRequestMessage AsFlyProxy(HttpRequestMessage request, string client)
    {
        request.Headers.TryAddWithoutValidation("Fly-Client-IP", client);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        return request;
    }

    private static string? Hops(HttpResponseMessage response) => Expect.Header(response, FakeFlyProxy.HopsHeader);

    private static async Task<double> CountAsync(EdgeProcess edge, string outcome) =>
        await edge.MetricAsync(Replays, ("outcome", outcome)) ?? throw new Xunit.Sdk.XunitException($"{Replays}{{outcome=\"{outcome}\"}} is missing");

    private static async Task<string> StringAsync(HttpResponseMessage response, string property)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty(property).GetString()!;
    }
}
