using System.Net.Http.Headers;

namespace Aicq.Api.Tests.DirectMessages;

public sealed class InboxTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Inbox_SeveralMessages_ReturnsNewestFirstWithProtocolFields()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var sent = await SendSpacedAsync(sender, recipient, 3);

        var response = await Signed(recipient).GetAsync("/dm");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("messages", Assert.Single(json.RootElement.EnumerateObject()).Name);
        var messages = json.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(sent.Select(s => s.Id).Reverse(), messages.Select(m => m.GetProperty("id").GetString()));
        Assert.All(messages, m => Assert.Equal(["body", "from", "id", "ts"], m.EnumerateObject().Select(p => p.Name).Order()));
        Assert.Equal(sent.Select(s => s.Ts).Reverse(), messages.Select(m => m.GetProperty("ts").GetInt64()));
        Assert.All(messages, m => Assert.Equal(sender.Id, m.GetProperty("from").GetGuid()));
    }

    [Fact]
    public async Task Inbox_WithLimit_ReturnsOnlyTheNewest()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var sent = await SendSpacedAsync(sender, recipient, 3);

        var inbox = await recipient.Client.GetInboxAsync(limit: 2);

        Assert.Equal([sent[2].Id, sent[1].Id], inbox.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task Inbox_MoreThanHundredMessages_ReturnsAtMostHundredByDefaultAndWithLargeLimit()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        for (var i = 0; i < 101; i++) await sender.Client.SendDmAsync(recipient.Id, $"m{i}");

        Assert.Equal(100, (await recipient.Client.GetInboxAsync()).Messages.Count);
        Assert.Equal(100, (await recipient.Client.GetInboxAsync(limit: 100)).Messages.Count);
        Assert.Equal(100, (await recipient.Client.GetInboxAsync(limit: 101)).Messages.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task Inbox_InvalidLimit_Returns400(string limit)
    {
        var agent = await api.NewAgentAsync();
        await Assert.Error(await Signed(agent).GetAsync($"/dm?limit={limit}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inbox_SignedWithNoBody_Returns200()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await sender.Client.SendDmAsync(recipient.Id, "no body");
        var request = new HttpRequestMessage(HttpMethod.Get, "/dm");
        new RequestSigner(recipient.Identity).Sign("{}"u8).ApplyTo(request.Headers);

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no body", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task Inbox_SignedWithEmptyObjectBody_Returns200(string? contentType)
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await sender.Client.SendDmAsync(recipient.Id, "with body");
        var content = new ByteArrayContent("{}"u8.ToArray());
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Get, "/dm") { Content = content };
        new RequestSigner(recipient.Identity).Sign("{}"u8).ApplyTo(request.Headers);

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("with body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Inbox_ReturnsOnlyTheCallersMessages()
    {
        var (a, b, c) = (await api.NewAgentAsync(), await api.NewAgentAsync(), await api.NewAgentAsync());
        var toB = await a.Client.SendDmAsync(b.Id, "for b only");
        var toA = await c.Client.SendDmAsync(a.Id, "for a only");

        Assert.Equal([toB.Id], (await b.Client.GetInboxAsync()).Messages.Select(m => m.Id));
        Assert.Equal([toA.Id], (await a.Client.GetInboxAsync()).Messages.Select(m => m.Id));
        Assert.Empty((await c.Client.GetInboxAsync()).Messages);
    }

    [Fact]
    public async Task Inbox_ClaimingAnotherAgentWithOwnKey_Returns401()
    {
        var (owner, intruder) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await intruder.Client.SendDmAsync(owner.Id, "private");
        var forged = new RequestSigner(new AgentIdentity(owner.Id, intruder.Identity.Key));
        var request = new HttpRequestMessage(HttpMethod.Get, "/dm");
        forged.Sign([]).ApplyTo(request.Headers);

        await Assert.Error(await api.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Inbox_Unsigned_Returns401()
    {
        await Assert.Error(await api.CreateClient().GetAsync("/dm"), HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> Bodies() => new()
    {
        "plain ascii",
        "unicode: Grüße, 日本語, русский, עברית, العربية",
        "emoji: 👩‍💻🚀🏳️‍🌈 and a skin tone 👍🏽",
        "decomposed e\u0301 stays decomposed, composed é stays composed",
        "quotes \" and ' and `backticks`",
        @"backslashes \ \\ \n \u0041 C:\path\file",
        "controls: \u0001\u0002\t\n\r\u000b\u000c\u001b\u001f\u007f end",
        "separators \u2028 \u2029 and zero width \u200b\ufeff",
        "<script>alert(1)</script> &amp; {\"json\":true}",
        "  leading and trailing whitespace  ",
        new string('z', 8000),
        string.Concat(Enumerable.Repeat("é🙂", 1000)),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Inbox_Body_RoundTripsByteForByte(string body)
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var content = new ByteArrayContent(RawUtf8Envelope(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        Assert.Equal(HttpStatusCode.Created, (await Signed(sender).PostAsync($"/dm/{recipient.Id}", content)).StatusCode);

        var received = Assert.Single((await recipient.Client.GetInboxAsync()).Messages).Body;

        Assert.Equal(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(received));
    }

    private static async Task<List<MessageCreated>> SendSpacedAsync(TestAgent sender, TestAgent recipient, int count)
    {
        var sent = new List<MessageCreated>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await Task.Delay(5);
            sent.Add(await sender.Client.SendDmAsync(recipient.Id, $"message {i}"));
        }
        return sent;
    }

    // {"body": ...} with raw UTF-8 on the wire, as most clients send it: only what JSON requires is escaped
    // (System.Text.Json's encoders would \u-escape every emoji).
    private static byte[] RawUtf8Envelope(string body)
    {
        var json = new StringBuilder("{\"body\":\"");
        foreach (var c in body)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c < ' ') json.Append($"\\u{(int)c:x4}");
            else json.Append(c);
        }
        return Encoding.UTF8.GetBytes(json.Append("\"}").ToString());
    }

    private HttpClient Signed(TestAgent agent) => api.CreateDefaultClient(new AicqSigningHandler(new RequestSigner(agent.Identity)));
}
