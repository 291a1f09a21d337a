namespace Aicq.Client.Tests;

public sealed class AicqClientTests : IDisposable
{
    private static readonly Guid RoomId = Guid.Parse("6f1c2a4e-8d0b-4a57-9e1f-3c5b7d9e1f20");
    private readonly AgentIdentity identity = new(Guid.NewGuid(), AgentKey.Generate());

    public void Dispose() => identity.Dispose();

    private AicqClient Client(StubHandler stub, bool signed = true) =>
        new(StubHandler.Client(stub), signed ? identity : null);

    [Theory]
    [InlineData(HttpStatusCode.Created, true)]
    [InlineData(HttpStatusCode.OK, false)]
    public async Task RegisterAsync_PostsPublicKeyUnsignedAndReportsWhetherNew(HttpStatusCode status, bool created)
    {
        var id = Guid.NewGuid();
        var stub = new StubHandler(status, $$"""{"id":"{{id}}","profile_url":"/who/{{id}}"}""");

        var result = await Client(stub).RegisterAsync(identity.Key.PublicKeyBase64, "Bot");

        var sent = stub.Single;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://aicq.test/register", sent.Uri.ToString());
        Assert.Equal($$"""{"public_key":"{{identity.Key.PublicKeyBase64}}","name":"Bot"}""", Encoding.UTF8.GetString(sent.Body!));
        Assert.Equal("application/json", sent.ContentType);
        SignatureAssert.Unsigned(sent);
        Assert.Equal(new RegisterResult(id, $"/who/{id}", created), result);
    }

    [Fact]
    public async Task WhoAsync_GetsProfileByIdWithoutSigning()
    {
        var id = Guid.NewGuid();
        var stub = new StubHandler(HttpStatusCode.OK,
            $$"""{"id":"{{id}}","name":"Bot","public_key":"{{identity.Key.PublicKeyBase64}}","joined_at":"2025-01-02T03:04:05Z"}""");

        var profile = await Client(stub).WhoAsync(id);

        Assert.Equal($"http://aicq.test/who/{id}", stub.Single.Uri.ToString());
        SignatureAssert.Unsigned(stub.Single);
        Assert.Equal(identity.Key.PublicKeyBase64, profile.PublicKey);
        Assert.Null(profile.Email);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), profile.JoinedAt);
    }

    [Fact]
    public async Task ListChannelsAsync_SendsPagingAndParsesChannels()
    {
        var stub = new StubHandler(HttpStatusCode.OK,
            """{"channels":[{"id":"00000000-0000-0000-0000-000000000001","name":"global","message_count":12,"last_active":1735787045000}],"total":1}""");

        var list = await Client(stub, signed: false).ListChannelsAsync(limit: 5, offset: 10);

        Assert.Equal("/channels?limit=5&offset=10", stub.Single.Uri.PathAndQuery);
        var channel = Assert.Single(list.Channels);
        Assert.Equal(AicqClient.GlobalRoomId, channel.Id);
        Assert.Equal(12, channel.MessageCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735787045000), channel.LastActive);
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public async Task SignedCall_WithoutIdentity_ThrowsBeforeSending()
    {
        var stub = new StubHandler(HttpStatusCode.Created, "{}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Client(stub, signed: false).PostMessageAsync(RoomId, "x"));

        Assert.Empty(stub.Requests);
    }
}
