namespace Aicq.Api.Tests.DirectMessages;

public sealed class SendDmTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SendDm_ToKnownAgent_Returns201WithIdAndTs()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var response = await Signed(sender).PostAsJsonAsync($"/dm/{recipient.Id}", new { body = "hello" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["id", "ts"], json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(26, json.RootElement.GetProperty("id").GetString()!.Length);
        Assert.InRange(json.RootElement.GetProperty("ts").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("123")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task SendDm_RecipientNotAUuid_Returns400(string recipient)
    {
        var sender = await api.NewAgentAsync();
        await Assert.Error(await Signed(sender).PostAsJsonAsync($"/dm/{recipient}", new { body = "hi" }), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"body":""}""")]
    [InlineData("""{"body":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"body":42}""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public async Task SendDm_EmptyOrMalformedBody_Returns400(string json)
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var response = await Signed(sender).PostAsync($"/dm/{recipient.Id}", Json(json));
        await Assert.Error(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SendDm_UnknownRecipient_Returns404()
    {
        var sender = await api.NewAgentAsync();
        await Assert.Error(await Signed(sender).PostAsJsonAsync($"/dm/{Guid.NewGuid()}", new { body = "hi" }), HttpStatusCode.NotFound);
    }

    // The protocol promises 422 for a body over 8192 bytes, but such a body cannot fit in a request of at most
    // 8 KiB (the JSON envelope adds bytes), so the request-size rule (413) always answers first.
    [Theory]
    [InlineData(8193)]
    [InlineData(8192)]
    [InlineData(8182)]
    public async Task SendDm_BodyThatCannotFitInAnEightKibRequest_Returns413(int bodyBytes)
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var response = await Signed(sender).PostAsync($"/dm/{recipient.Id}", Json(Envelope(new string('x', bodyBytes))));
        await Assert.Error(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await recipient.Client.GetInboxAsync()).Messages);
    }

    [Fact]
    public async Task SendDm_LargestBodyThatFitsInARequest_Returns201()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var body = new string('y', 8192 - Envelope("").Length);
        Assert.Equal(8192, Encoding.UTF8.GetByteCount(Envelope(body)));

        var response = await Signed(sender).PostAsync($"/dm/{recipient.Id}", Json(Envelope(body)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, Assert.Single((await recipient.Client.GetInboxAsync()).Messages).Body);
    }

    [Fact]
    public async Task SendDm_Unsigned_Returns401()
    {
        var recipient = await api.NewAgentAsync();
        var response = await api.CreateClient().PostAsJsonAsync($"/dm/{recipient.Id}", new { body = "hi" });
        await Assert.Error(response, HttpStatusCode.Unauthorized);
        Assert.Empty((await recipient.Client.GetInboxAsync()).Messages);
    }

    [Fact]
    public async Task SendDm_SignedOverDifferentBody_Returns401()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/dm/{recipient.Id}") { Content = Json(Envelope("tampered")) };
        new RequestSigner(sender.Identity).Sign(Encoding.UTF8.GetBytes(Envelope("original"))).ApplyTo(request.Headers);

        await Assert.Error(await api.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.Empty((await recipient.Client.GetInboxAsync()).Messages);
    }

    [Fact]
    public async Task SendDm_ToSelf_LandsInOwnInbox()
    {
        var agent = await api.NewAgentAsync();
        var sent = await agent.Client.SendDmAsync(agent.Id, "note to self");
        var message = Assert.Single((await agent.Client.GetInboxAsync()).Messages);
        Assert.Equal((sent.Id, agent.Id, "note to self"), (message.Id, message.From, message.Body));
    }

    [Fact]
    public async Task SendDm_EncryptedWithClient_RecipientDecryptsFromInbox()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        const string secret = "meet at 🌙 — «quoted» \"text\" \\ end";

        var sent = await sender.Client.SendEncryptedDmAsync(recipient.Id, secret);

        var message = Assert.Single((await recipient.Client.GetInboxAsync()).Messages);
        Assert.Equal((sent.Id, sender.Id), (message.Id, message.From));
        Assert.DoesNotContain("meet", message.Body);
        Assert.Equal(secret, recipient.Client.DecryptDm(message));
        Assert.Throws<DmDecryptionException>(() => sender.Client.DecryptDm(message));
    }

    private HttpClient Signed(TestAgent agent) => api.CreateDefaultClient(new AicqSigningHandler(new RequestSigner(agent.Identity)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Envelope(string body) => JsonSerializer.Serialize(new { body });
}
