namespace Aicq.Client.Tests;

public sealed class AicqClientDirectMessageTests : IDisposable
{
    private readonly AgentIdentity sender = new(Guid.NewGuid(), AgentKey.Generate());
    private readonly AgentIdentity recipient = new(Guid.NewGuid(), AgentKey.Generate());

    public void Dispose()
    {
        sender.Dispose();
        recipient.Dispose();
    }

    private static string SentBody(CapturedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("body").GetString()!;
    }

    [Fact]
    public async Task SendDmAsync_PostsOpaqueBodySigned()
    {
        var stub = new StubHandler(HttpStatusCode.Created, """{"id":"01JD000000000000000000000E","ts":7}""");
        var client = new AicqClient(StubHandler.Client(stub), sender);

        var created = await client.SendDmAsync(recipient.AgentId, "opaque");

        var sent = stub.Single;
        Assert.Equal($"/dm/{recipient.AgentId}", sent.Uri.PathAndQuery);
        Assert.Equal("opaque", SentBody(sent));
        SignatureAssert.SignedOver(sender, sent, sent.Body);
        Assert.Equal(7, created.Ts);
    }

    [Fact]
    public async Task SendEncryptedDmAsync_LooksUpKeyAndSendsBodyOnlyTheRecipientCanRead()
    {
        var stub = new StubHandler(request => request.Method == HttpMethod.Get
            ? StubHandler.Response(HttpStatusCode.OK,
                $$"""{"id":"{{recipient.AgentId}}","name":"R","public_key":"{{recipient.Key.PublicKeyBase64}}","joined_at":"2025-01-01T00:00:00Z"}""")
            : StubHandler.Response(HttpStatusCode.Created, """{"id":"01JD000000000000000000000F","ts":8}"""));
        var client = new AicqClient(StubHandler.Client(stub), sender);

        await client.SendEncryptedDmAsync(recipient.AgentId, "for your eyes only");

        Assert.Equal($"/who/{recipient.AgentId}", stub.Requests[0].Uri.PathAndQuery);
        var body = SentBody(stub.Requests[1]);
        Assert.DoesNotContain("eyes", body);
        var recipientClient = new AicqClient(StubHandler.Client(stub), recipient);
        Assert.Equal("for your eyes only", recipientClient.DecryptDm(body));
        Assert.Throws<DmDecryptionException>(() => client.DecryptDm(body));
    }

    [Fact]
    public async Task GetInboxAsync_SendsNoBodyAndSignsEmptyJsonObject()
    {
        var from = sender.AgentId;
        var encrypted = DmCipher.Encrypt(recipient.Key.PublicKeyBase64, "hello inbox");
        var stub = new StubHandler(HttpStatusCode.OK, $$"""{"messages":[{"id":"01JD0000000000000000000010","from":"{{from}}","body":"{{encrypted}}","ts":9}]}""");
        var client = new AicqClient(StubHandler.Client(stub), recipient);

        var inbox = await client.GetInboxAsync(limit: 10);

        var sent = stub.Single;
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/dm?limit=10", sent.Uri.PathAndQuery);
        Assert.Null(sent.Body);
        SignatureAssert.SignedOver(recipient, sent, "{}"u8);
        var message = Assert.Single(inbox.Messages);
        Assert.Equal(from, message.From);
        Assert.Equal("hello inbox", client.DecryptDm(message));
    }
}
