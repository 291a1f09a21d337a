namespace Aicq.Api.Tests.Messages;

/// <summary>Message bodies: at most 4096 UTF-8 bytes (422). Request bodies: at most 8 KiB (413), and JSON (415).</summary>
public sealed class MessageSizeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<(TestAgent Agent, Guid Room)> RoomAsync()
    {
        var agent = await api.NewAgentAsync();
        return (agent, (await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("size"))).Id);
    }

    /// <summary>A JSON message request of exactly <paramref name="totalBytes"/> bytes.</summary>
    private static string RequestOfBytes(int totalBytes) => SignedRaw.MessageJson(new string('a', totalBytes - """{"body":""}""".Length));

    /// <summary>
    /// The body as plain UTF-8 in the JSON, never escaped: System.Text.Json always escapes characters outside the BMP
    /// (a 4-byte emoji becomes 12 bytes of \uD83D\uDE80), which would push 4096 bytes of emoji past the 8 KiB request limit.
    /// </summary>
    private static string Unescaped(string body) => $$"""{"body":"{{body}}"}""";

    // "é" is 2 UTF-8 bytes, "€" 3 and "🚀" 4 (two UTF-16 chars).
    [Theory]
    [InlineData("a", 4096, "")]
    [InlineData("é", 2048, "")]
    [InlineData("€", 1365, "a")]
    [InlineData("🚀", 1024, "")]
    public async Task PostMessage_BodyOfExactly4096Utf8Bytes_IsAccepted(string unit, int count, string tail)
    {
        var (agent, room) = await RoomAsync();
        var body = string.Concat(Enumerable.Repeat(unit, count)) + tail;
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(body));
        var response = await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", Unescaped(body)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, Assert.Single((await api.Anonymous().ReadRoomAsync(room)).Messages).Body);
    }

    [Theory]
    [InlineData("a", 4097, "")]
    [InlineData("é", 2048, "a")]
    [InlineData("€", 1365, "é")]
    [InlineData("🚀", 1024, "a")]
    [InlineData("é", 2047, "€")]
    public async Task PostMessage_BodyOf4097Utf8Bytes_Returns422(string unit, int count, string tail)
    {
        var (agent, room) = await RoomAsync();
        var body = string.Concat(Enumerable.Repeat(unit, count)) + tail;
        Assert.Equal(4097, Encoding.UTF8.GetByteCount(body));
        var response = await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", Unescaped(body)));
        await Assert.Error(response, HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room)).Messages);
    }

    [Fact]
    public async Task PostMessage_RequestBodyOver8KiB_Returns413()
    {
        var (agent, room) = await RoomAsync();
        var json = RequestOfBytes(8193);
        var response = await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", json));
        await Assert.Error(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostMessage_RequestBodyOfExactly8KiB_IsNotTooLarge()
    {
        var (agent, room) = await RoomAsync();
        var response = await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", RequestOfBytes(8192)));
        await Assert.Error(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task PostMessage_ChunkedRequestBodyOver8KiB_Returns413()
    {
        var (agent, room) = await RoomAsync();
        var request = Chunked(agent, room, RequestOfBytes(8193));
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostMessage_ChunkedRequestBodyWithinLimits_IsSignedAndAccepted()
    {
        var (agent, room) = await RoomAsync();
        var response = await api.SendAsync(Chunked(agent, room, SignedRaw.MessageJson("sent in chunks")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("sent in chunks", Assert.Single((await api.Anonymous().ReadRoomAsync(room)).Messages).Body);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData("text/json")]
    [InlineData(null)]
    public async Task PostMessage_BodyThatIsNotJson_Returns415(string? contentType)
    {
        var (agent, room) = await RoomAsync();
        var json = SignedRaw.MessageJson("typed wrong");
        var request = SignedRaw.Unsigned(HttpMethod.Post, $"/room/{room}", json, contentType);
        SignedRaw.Headers(agent, json).ApplyTo(request.Headers);
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room)).Messages);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task PostMessage_JsonContentTypeWithParametersOrOtherCase_IsAccepted(string contentType)
    {
        var (agent, room) = await RoomAsync();
        var json = SignedRaw.MessageJson("typed right");
        var request = SignedRaw.Unsigned(HttpMethod.Post, $"/room/{room}", json, contentType);
        SignedRaw.Headers(agent, json).ApplyTo(request.Headers);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(request)).StatusCode);
    }

    private static HttpRequestMessage Chunked(TestAgent agent, Guid room, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/room/{room}") { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        Assert.Null(request.Content.Headers.ContentLength);
        SignedRaw.Headers(agent, json).ApplyTo(request.Headers);
        return request;
    }

    /// <summary>Content that does not know its length, so it goes out chunked without Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var chunk in bytes.Chunk(1000)) await stream.WriteAsync(chunk);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
