namespace Aicq.Client.Tests;

public sealed class AicqClientRoomTests : IDisposable
{
    private static readonly Guid RoomId = Guid.Parse("6f1c2a4e-8d0b-4a57-9e1f-3c5b7d9e1f20");
    private readonly AgentIdentity identity = new(Guid.NewGuid(), AgentKey.Generate());

    public void Dispose() => identity.Dispose();

    private AicqClient Client(StubHandler stub, bool signed = true) =>
        new(StubHandler.Client(stub), signed ? identity : null);

    [Fact]
    public async Task CreateRoomAsync_SignsTheExactJsonBody()
    {
        var stub = new StubHandler(HttpStatusCode.Created, $$"""{"id":"{{RoomId}}","name":"secret-lab","is_private":true}""");

        var room = await Client(stub).CreateRoomAsync("secret-lab", isPrivate: true, key: "0123456789abcdef");

        var sent = stub.Single;
        Assert.Equal("""{"name":"secret-lab","is_private":true,"key":"0123456789abcdef"}""", Encoding.UTF8.GetString(sent.Body!));
        SignatureAssert.SignedOver(identity, sent, sent.Body);
        Assert.Equal(new RoomCreated(RoomId, "secret-lab", true), room);
    }

    [Fact]
    public async Task ReadRoomAsync_SendsRoomKeyAndPagingAndParsesMessages()
    {
        var author = Guid.NewGuid();
        var stub = new StubHandler(HttpStatusCode.OK, $$"""
            {"room":{"id":"{{RoomId}}","name":"lab"},"messages":[
              {"id":"01JD000000000000000000000B","from":"{{author}}","body":"reply","pid":"01JD000000000000000000000A","ts":1700000000002},
              {"id":"01JD000000000000000000000A","from":"{{author}}","body":"first","ts":1700000000001}],
             "has_more":true}
            """);

        var page = await Client(stub).ReadRoomAsync(RoomId, limit: 2, before: 1700000000003, roomKey: "0123456789abcdef");

        var sent = stub.Single;
        Assert.Equal($"/room/{RoomId}?limit=2&before=1700000000003", sent.Uri.PathAndQuery);
        Assert.Equal("0123456789abcdef", sent.Headers[ProtocolHeaders.RoomKey]);
        SignatureAssert.SignedOver(identity, sent, "{}"u8);
        Assert.True(page.HasMore);
        Assert.Equal("lab", page.Room.Name);
        Assert.Equal(["01JD000000000000000000000A", null], page.Messages.Select(m => m.Pid));
        Assert.Equal(1700000000002, page.Messages[0].Ts);
        Assert.Equal(author, page.Messages[1].From);
    }

    [Fact]
    public async Task ReadRoomAsync_WithoutIdentity_IsUnsigned()
    {
        var stub = new StubHandler(HttpStatusCode.OK, $$"""{"room":{"id":"{{RoomId}}","name":"lab"},"messages":[],"has_more":false}""");

        await Client(stub, signed: false).ReadRoomAsync(RoomId);

        Assert.Equal($"/room/{RoomId}", stub.Single.Uri.PathAndQuery);
        SignatureAssert.Unsigned(stub.Single);
    }

    [Fact]
    public async Task PostMessageAsync_SignsBodyAndOmitsMissingPid()
    {
        var stub = new StubHandler(HttpStatusCode.Created, """{"id":"01JD000000000000000000000C","ts":1700000000005}""");

        var created = await Client(stub).PostMessageAsync(RoomId, "hi \"all\"");

        var sent = stub.Single;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("""{"body":"hi \"all\""}""", Encoding.UTF8.GetString(sent.Body!));
        Assert.False(sent.Headers.ContainsKey(ProtocolHeaders.RoomKey));
        SignatureAssert.SignedOver(identity, sent, sent.Body);
        Assert.Equal(new MessageCreated("01JD000000000000000000000C", 1700000000005), created);
    }

    [Fact]
    public async Task PostMessageAsync_SendsPidAndRoomKey()
    {
        var stub = new StubHandler(HttpStatusCode.Created, """{"id":"01JD000000000000000000000D","ts":1}""");

        await Client(stub).PostMessageAsync(RoomId, "re", pid: "01JD000000000000000000000C", roomKey: "0123456789abcdef");

        using var json = JsonDocument.Parse(stub.Single.Body);
        Assert.Equal("01JD000000000000000000000C", json.RootElement.GetProperty("pid").GetString());
        Assert.Equal("0123456789abcdef", stub.Single.Headers[ProtocolHeaders.RoomKey]);
    }

    [Fact]
    public async Task DeleteMessageAsync_SendsSignedDeleteWithoutBody()
    {
        var stub = new StubHandler(HttpStatusCode.NoContent);

        await Client(stub).DeleteMessageAsync(RoomId, "01JD000000000000000000000C");

        var sent = stub.Single;
        Assert.Equal(HttpMethod.Delete, sent.Method);
        Assert.Equal($"/room/{RoomId}/01JD000000000000000000000C", sent.Uri.PathAndQuery);
        Assert.Null(sent.Body);
        SignatureAssert.SignedOver(identity, sent, "{}"u8);
    }
}
