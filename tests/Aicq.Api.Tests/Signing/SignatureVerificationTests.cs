using System.Security.Cryptography;

namespace Aicq.Api.Tests.Signing;

/// <summary>The signature covers sha256_hex(body)|nonce|timestamp, with <c>{}</c> standing in for no body.</summary>
public sealed class SignatureVerificationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string RoomBody() => SignedRaw.RoomJson(SignedRaw.UniqueName("verify"));

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, SignedHeaders headers)
    {
        headers.ApplyTo(request.Headers);
        return request;
    }

    [Fact]
    public async Task Signature_ByAnotherAgentsKey_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var other = await api.NewAgentAsync();
        var impostor = agent with { Identity = new AgentIdentity(agent.Id, other.Identity.Key) };
        var response = await api.SendAsync(SignedRaw.Signed(impostor, HttpMethod.Post, "/room", RoomBody()));
        await Assert.Error(response, HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains("X-AICQ-Authenticated-Agent"));
    }

    [Fact]
    public async Task Signature_OverADifferentBody_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var signed = SignedRaw.Headers(agent, SignedRaw.RoomJson("original-name"));
        var tampered = SignedRaw.Unsigned(HttpMethod.Post, "/room", SignedRaw.RoomJson("tampered-name"));
        await Assert.Error(await api.SendAsync(WithHeaders(tampered, signed)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signature_OverEmptyObject_WhenABodyWasSent_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var request = SignedRaw.Unsigned(HttpMethod.Post, "/room", RoomBody());
        await Assert.Error(await api.SendAsync(WithHeaders(request, SignedRaw.Headers(agent, "{}"))), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signature_WithTimestampChangedAfterSigning_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var body = RoomBody();
        var signed = SignedRaw.Headers(agent, body);
        var request = SignedRaw.Unsigned(HttpMethod.Post, "/room", body);
        await Assert.Error(await api.SendAsync(WithHeaders(request, signed with { Timestamp = signed.Timestamp - 1 })), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signature_WithNonceChangedAfterSigning_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var body = RoomBody();
        var signed = SignedRaw.Headers(agent, body);
        var request = SignedRaw.Unsigned(HttpMethod.Post, "/room", body);
        await Assert.Error(await api.SendAsync(WithHeaders(request, signed with { Nonce = RequestSigner.NewNonce() })), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("AAAA")]
    [InlineData("")]
    public async Task Signature_NotA64ByteBase64Value_Returns401(string signature)
    {
        var agent = await api.NewAgentAsync();
        var request = SignedRaw.Signed(agent, HttpMethod.Post, "/room", RoomBody());
        request.Headers.Remove(ProtocolHeaders.Signature);
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Signature, signature);
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signature_OfARequestWithoutBody_IsOverEmptyObject()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("verify"));
        var posted = await agent.Client.PostMessageAsync(room.Id, "delete me");
        var request = SignedRaw.Unsigned(HttpMethod.Delete, $"/room/{room.Id}/{posted.Id}");
        var response = await api.SendAsync(WithHeaders(request, SignedRaw.Headers(agent, "{}")));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(agent.Id.ToString(), response.Headers.GetValues("X-AICQ-Authenticated-Agent").Single());
    }

    [Fact]
    public async Task Signature_OfARequestWithoutBody_OverTheHashOfNothing_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("verify"));
        var posted = await agent.Client.PostMessageAsync(room.Id, "keep me");
        var nonce = RequestSigner.NewNonce();
        var timestamp = SignedRaw.NowMs;
        var payload = Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData([]))}|{nonce}|{timestamp}");
        var headers = new SignedHeaders(agent.Id, nonce, timestamp, Convert.ToBase64String(agent.Identity.Key.Sign(payload)));
        var request = SignedRaw.Unsigned(HttpMethod.Delete, $"/room/{room.Id}/{posted.Id}");
        await Assert.Error(await api.SendAsync(WithHeaders(request, headers)), HttpStatusCode.Unauthorized);
        Assert.Contains((await agent.Client.ReadRoomAsync(room.Id)).Messages, m => m.Id == posted.Id);
    }

    [Fact]
    public async Task Signature_OverUppercaseHexOfTheBody_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var body = RoomBody();
        var nonce = RequestSigner.NewNonce();
        var timestamp = SignedRaw.NowMs;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var signature = agent.Identity.Key.Sign(Encoding.UTF8.GetBytes($"{hash}|{nonce}|{timestamp}"));
        var request = SignedRaw.Unsigned(HttpMethod.Post, "/room", body);
        var headers = new SignedHeaders(agent.Id, nonce, timestamp, Convert.ToBase64String(signature));
        await Assert.Error(await api.SendAsync(WithHeaders(request, headers)), HttpStatusCode.Unauthorized);
    }
}
