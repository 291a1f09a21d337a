namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// Too many and too large headers, duplicated auth headers and control characters in header values, client → edge → API.
/// Header limits are the edge's (50 headers, 16 KiB), refused with its error body; Kestrel's own ceilings are four times
/// those, and beyond them its own refusal is rewritten into the same shape (KestrelRefusals). A header secret never reaches a log.
/// </summary>
[BadInputReport]
[Collection(ApplianceCollection.Name)]
public sealed class HeaderAbuseTests(ApplianceFixture appliance)
{
    private readonly bool _watched = BadInputReport.Watch(appliance.Edge);

    private static async Task AssertEdge431Async(HttpResponseMessage response)
    {
        await Expect.ErrorAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Expect.SecurityHeaders(response);
    }

    /// <summary>The control for every "not logged" check here: the User-Agent is logged by design, and the check finds it.</summary>
    [Fact]
    public async Task LeakCheck_FindsTextThatIsLogged()
    {
        var agent = BadInputKit.Marker("user-agent");
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/api");
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        (await client.SendAsync(request)).Dispose();
        await appliance.Edge.Process.WaitForOutputAsync(line => line.Contains(agent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => appliance.AssertNotLoggedAsync(agent));
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Get_With101Headers_Returns431()
    {
        var secret = BadInputKit.Marker("many-headers");
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/channels");
        for (var i = 0; i < 100; i++) request.Headers.Add($"X-Filler-{i}", i == 50 ? secret : "x");
        Assert.Equal(101, request.Headers.Count() + 1);
        using var response = await client.SendAsync(request);
        await AssertEdge431Async(response);
        await appliance.AssertNotLoggedAsync(secret);
        BadInputReport.Passed();
    }

    // Beyond Kestrel's ceilings (200 headers, 64 KiB) the refusal comes before any middleware; it is Kestrel's own,
    // rewritten on the wire into the error body with the security headers.
    [Fact]
    public async Task Get_With90KBOfHeaders_IsRefusedByKestrel_431WithErrorShape()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/channels");
        for (var i = 0; i < 30; i++) request.Headers.Add($"X-Filler-{i}", new string('h', 3000));
        using var response = await client.SendAsync(request);
        await AssertEdge431Async(response);
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public async Task Get_With33KBOfHeaders_Returns431(int headers)
    {
        var secret = BadInputKit.Marker("big-headers");
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get($"/room/{Requests.GlobalRoom}");
        var each = 33 * 1000 / headers;
        for (var i = 0; i < headers; i++) request.Headers.Add($"X-Filler-{i}", secret + new string('h', each - secret.Length));
        using var response = await client.SendAsync(request);
        await AssertEdge431Async(response);
        await appliance.AssertNotLoggedAsync(secret);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Get_WithHeadersJustUnderTheLimit_Returns200()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/channels");
        for (var i = 0; i < 40; i++) request.Headers.Add($"X-Filler-{i}", new string('h', 300));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        BadInputReport.Passed();
    }

    public static TheoryData<string, bool> DuplicatedAuth() => new()
    {
        { ProtocolHeaders.Agent, true },
        { ProtocolHeaders.Agent, false },
        { ProtocolHeaders.Nonce, false },
        { ProtocolHeaders.Timestamp, true },
        { ProtocolHeaders.Signature, false },
    };

    /// <summary>A second, different value in front of or behind the right one: neither copy may be picked to authenticate.</summary>
    [Theory]
    [MemberData(nameof(DuplicatedAuth))]
    public async Task Post_WithAuthHeaderDuplicatedWithAnotherValue_Returns401WithErrorShape(string header, bool otherFirst)
    {
        var (poster, victim, marker) = (await appliance.PosterAsync(), await appliance.NewAgentAsync(), BadInputKit.Marker("dup"));
        var json = $$"""{"body":"{{marker}}"}""";
        var signed = BadInputKit.Signed(poster.Agent, json);
        var victimSigned = BadInputKit.Signed(victim, json);
        var other = victimSigned[header];
        using var request = Requests.Post($"/room/{poster.Room}", json);
        foreach (var (name, value) in signed)
        {
            var values = name != header ? [value] : otherFirst ? new[] { other, value } : [value, other];
            foreach (var v in values) request.Headers.TryAddWithoutValidation(name, v);
        }
        using var client = appliance.Edge.Client(poster.From);
        using var response = await client.SendAsync(request);

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker, signed[ProtocolHeaders.Signature], victimSigned[ProtocolHeaders.Signature]);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Get_WithRoomKeyDuplicated_Returns403WithErrorShape()
    {
        var key = BadInputKit.Marker("room-key");
        var room = await appliance.PrivateRoomAsync(key);
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get($"/room/{room}");
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.RoomKey, [key, key]);

        using var response = await client.SendAsync(request);

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
        await appliance.AssertNotLoggedAsync(key);
        BadInputReport.Passed();
    }

    // Kestrel refuses a malformed header line itself, before any middleware; its refusal is rewritten into the error shape.
    [Theory]
    [InlineData("X-AICQ-Room-Key: {0}\rX-Injected: 1")]
    [InlineData("X-AICQ-Room-Key: {0}\0")]
    [InlineData("X-AICQ-Room-Key: {0}\r\n folded-continuation")]
    [InlineData("X-AICQ-Room-Key : {0}")]
    public async Task Get_WithMalformedHeaderLine_Returns400WithErrorShape(string headerLine)
    {
        var key = BadInputKit.Marker("ctl");
        var room = await appliance.PrivateRoomAsync(key);
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", $"/room/{room}", string.Format(headerLine, key)));
        Assert.Equal("malformed request", response.AssertError(400));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        await appliance.AssertNotLoggedAsync(key);
        BadInputReport.Passed();
    }

    /// <summary>Kestrel lets other control characters through (RFC 9110 allows either); then the key is simply wrong.</summary>
    [Theory]
    [InlineData("X-AICQ-Room-Key: {0}\u0001")]
    [InlineData("X-AICQ-Room-Key: {0}\u007f")]
    [InlineData("X-AICQ-Room-Key: \u0001{0}")]
    [InlineData("X-AICQ-Room-Key\u0001: {0}")]
    public async Task Get_WithControlCharacterInRoomKeyHeader_Returns403WithErrorShape(string headerLine)
    {
        var key = BadInputKit.Marker("ctl");
        var room = await appliance.PrivateRoomAsync(key);
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", $"/room/{room}", string.Format(headerLine, key)));
        Assert.Equal("room key missing or wrong", response.AssertError(403));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        await appliance.AssertNotLoggedAsync(key);
        BadInputReport.Passed();
    }

    /// <summary>A bare LF ends a header line for Kestrel (RFC 9112 allows it), so "injection" by LF only adds a header.</summary>
    [Fact]
    public async Task Get_WithBareLineFeedInAHeader_IsTwoHeadersAndReturns200()
    {
        var secret = BadInputKit.Marker("lf");
        var head = RawHttps.Head("GET", $"/room/{Requests.GlobalRoom}", $"X-Note: {secret}\nX-Injected: 1");
        var response = await RawHttps.SendAsync(appliance.Edge, head);
        Assert.Equal(200, response.Status);
        await appliance.AssertNotLoggedAsync(secret);
        BadInputReport.Passed();
    }
}
