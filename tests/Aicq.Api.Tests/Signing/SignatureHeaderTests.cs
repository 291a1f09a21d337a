namespace Aicq.Api.Tests.Signing;

/// <summary>The shape of the four X-AICQ-* headers: each must be present once and well formed, or the answer is 401.</summary>
public sealed class SignatureHeaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string AuthenticatedAgent = "X-AICQ-Authenticated-Agent";

    private static HttpRequestMessage CreateRoom(TestAgent agent, string? nonce = null, long? timestamp = null) =>
        SignedRaw.Signed(agent, HttpMethod.Post, "/room", SignedRaw.RoomJson(SignedRaw.UniqueName("sig")), nonce, timestamp);

    [Fact]
    public async Task SignedRequest_Valid_Returns201AndNamesTheAuthenticatedAgent()
    {
        var agent = await api.NewAgentAsync();
        var response = await api.SendAsync(CreateRoom(agent));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(agent.Id.ToString(), Assert.Single(response.Headers.GetValues(AuthenticatedAgent)));
    }

    [Fact]
    public async Task UnsignedRoute_DoesNotNameAnAuthenticatedAgent()
    {
        var response = await api.CreateClient().GetAsync("/channels");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(AuthenticatedAgent));
    }

    [Fact]
    public async Task SignedRequest_WithoutAnyAuthHeader_Returns401WithErrorShape()
    {
        var response = await api.SendAsync(SignedRaw.Unsigned(HttpMethod.Post, "/room", SignedRaw.RoomJson("unsigned")));
        await Assert.Error(response, HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains(AuthenticatedAgent));
    }

    [Theory]
    [InlineData(ProtocolHeaders.Agent)]
    [InlineData(ProtocolHeaders.Nonce)]
    [InlineData(ProtocolHeaders.Timestamp)]
    [InlineData(ProtocolHeaders.Signature)]
    public async Task SignedRequest_MissingOneHeader_Returns401(string header)
    {
        var agent = await api.NewAgentAsync();
        var request = CreateRoom(agent);
        request.Headers.Remove(header);
        var response = await api.SendAsync(request);
        await Assert.Error(response, HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains(AuthenticatedAgent));
    }

    [Theory]
    [InlineData(ProtocolHeaders.Agent)]
    [InlineData(ProtocolHeaders.Nonce)]
    [InlineData(ProtocolHeaders.Timestamp)]
    [InlineData(ProtocolHeaders.Signature)]
    public async Task SignedRequest_HeaderSentTwiceWithTheSameValue_Returns401(string header)
    {
        var agent = await api.NewAgentAsync();
        var request = CreateRoom(agent);
        var value = request.Headers.GetValues(header).Single();
        request.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(2, request.Headers.GetValues(header).Count());
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    public async Task SignedRequest_AgentHeaderNotAUuid_Returns401(string agentHeader)
    {
        var agent = await api.NewAgentAsync();
        var request = CreateRoom(agent);
        request.Headers.Remove(ProtocolHeaders.Agent);
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Agent, agentHeader);
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignedRequest_UnknownAgent_Returns401()
    {
        var agent = await api.NewAgentAsync();
        var stranger = agent with { Identity = new AgentIdentity(Guid.NewGuid(), agent.Identity.Key) };
        await Assert.Error(await api.SendAsync(CreateRoom(stranger)), HttpStatusCode.Unauthorized);
    }

    // Each is signed exactly as sent, so only the format is wrong.
    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+{0}")]
    [InlineData("{0}.0")]
    [InlineData("{0}e0")]
    [InlineData("0x{0}")]
    [InlineData("2026-01-01T00:00:00Z")]
    public async Task SignedRequest_TimestampNotUnixMilliseconds_Returns401(string format)
    {
        var agent = await api.NewAgentAsync();
        var timestamp = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, SignedRaw.NowMs);
        var body = SignedRaw.RoomJson(SignedRaw.UniqueName("sig"));
        var nonce = RequestSigner.NewNonce();
        var payload = System.Text.Encoding.UTF8.GetBytes($"{RequestSigner.HashBody(System.Text.Encoding.UTF8.GetBytes(body))}|{nonce}|{timestamp}");
        var request = SignedRaw.Unsigned(HttpMethod.Post, "/room", body);
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Agent, agent.Id.ToString());
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Nonce, nonce);
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Timestamp, timestamp);
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Signature, Convert.ToBase64String(agent.Identity.Key.Sign(payload)));
        await Assert.Error(await api.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignedRequest_NonceOf23Characters_Returns401()
    {
        var agent = await api.NewAgentAsync();
        await Assert.Error(await api.SendAsync(CreateRoom(agent, nonce: new string('n', 23))), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignedRequest_NonceOf24Characters_IsAccepted()
    {
        var agent = await api.NewAgentAsync();
        var response = await api.SendAsync(CreateRoom(agent, nonce: RequestSigner.NewNonce()[..24]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SignedRequest_HexNonceOf64Characters_IsAccepted()
    {
        var agent = await api.NewAgentAsync();
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(CreateRoom(agent, nonce: nonce))).StatusCode);
    }
}
