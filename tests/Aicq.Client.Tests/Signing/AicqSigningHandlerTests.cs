namespace Aicq.Client.Tests.Signing;

public sealed class AicqSigningHandlerTests : IDisposable
{
    private readonly AgentIdentity identity = new(Guid.NewGuid(), AgentKey.Generate());
    private readonly StubHandler stub = new(HttpStatusCode.OK, "{}");

    public void Dispose() => identity.Dispose();

    private HttpClient Client() =>
        new(new AicqSigningHandler(new RequestSigner(identity), stub)) { BaseAddress = new Uri("http://aicq.test/") };

    private void AssertSignedOver(CapturedRequest sent, ReadOnlySpan<byte> expectedBody)
    {
        Assert.Equal(identity.AgentId.ToString("D"), sent.Headers[ProtocolHeaders.Agent]);
        var nonce = sent.Headers[ProtocolHeaders.Nonce];
        var timestamp = long.Parse(sent.Headers[ProtocolHeaders.Timestamp], System.Globalization.CultureInfo.InvariantCulture);
        var signed = $"{Convert.ToHexStringLower(SHA256.HashData(expectedBody))}|{nonce}|{timestamp}";
        Assert.True(identity.Key.Verify(Encoding.UTF8.GetBytes(signed), Convert.FromBase64String(sent.Headers[ProtocolHeaders.Signature])));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task SendAsync_SignsTheExactBodyBytesSent()
    {
        using var client = Client();
        var body = "{ \"body\" : \"spacing and ünïcode kept\" }";

        await client.PostAsync("room/00000000-0000-0000-0000-000000000001", new StringContent(body, Encoding.UTF8, "application/json"));

        var sent = stub.Single;
        Assert.Equal(Encoding.UTF8.GetBytes(body), sent.Body);
        Assert.StartsWith("application/json", sent.ContentType);
        AssertSignedOver(sent, sent.Body);
    }

    [Fact]
    public async Task SendAsync_WithStreamBody_SendsAndSignsTheSameBytes()
    {
        using var client = Client();
        var bytes = RandomNumberGenerator.GetBytes(3000);

        await client.PostAsync("dm/00000000-0000-0000-0000-000000000002", new StreamContent(new MemoryStream(bytes)));

        var sent = stub.Single;
        Assert.Equal(bytes, sent.Body);
        AssertSignedOver(sent, bytes);
    }

    [Fact]
    public async Task SendAsync_WithoutBody_SignsEmptyJsonObject()
    {
        using var client = Client();

        await client.GetAsync("dm");

        var sent = stub.Single;
        Assert.Null(sent.Body);
        AssertSignedOver(sent, "{}"u8);
    }

    [Fact]
    public void Send_Synchronous_SignsTheExactBodyBytesSent()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "room") { Content = new StringContent("""{"name":"sync"}""") };

        client.Send(request);

        var sent = stub.Single;
        Assert.Equal("""{"name":"sync"}"""u8.ToArray(), sent.Body);
        AssertSignedOver(sent, sent.Body);
    }

    [Fact]
    public async Task SendAsync_WithPreSignedRequest_LeavesHeadersUntouched()
    {
        using var client = Client();
        var crafted = new RequestSigner(identity).Sign([], "crafted-nonce-crafted-nonce-0001", 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, "dm");
        crafted.ApplyTo(request.Headers);

        await client.SendAsync(request);

        var sent = stub.Single;
        Assert.Equal("crafted-nonce-crafted-nonce-0001", sent.Headers[ProtocolHeaders.Nonce]);
        Assert.Equal("1", sent.Headers[ProtocolHeaders.Timestamp]);
        Assert.Equal(crafted.Signature, sent.Headers[ProtocolHeaders.Signature]);
    }

    [Fact]
    public async Task SendAsync_EveryRequestGetsAFreshNonce()
    {
        using var client = Client();

        await client.GetAsync("dm");
        await client.GetAsync("dm");

        Assert.NotEqual(stub.Requests[0].Headers[ProtocolHeaders.Nonce], stub.Requests[1].Headers[ProtocolHeaders.Nonce]);
    }
}
