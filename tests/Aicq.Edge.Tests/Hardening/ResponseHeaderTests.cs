namespace Aicq.Edge.Tests.Hardening;

/// <summary>The protocol's security headers and CORS on every response: the API's and the edge's own alike.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class ResponseHeaderTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task SecurityHeaders_AreOn200_404_413_And429()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        using (var ok = await client.GetAsync("/api"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Expect.SecurityHeaders(ok);
        }
        using (var notFound = await client.GetAsync($"/who/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Expect.SecurityHeaders(notFound);
        }
        using (var tooLarge = await client.SendAsync(Requests.Post("/room", new string('x', 9 * 1024))))
        {
            await Expect.ErrorAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
            Expect.SecurityHeaders(tooLarge);
        }
        for (var i = 0; i < 2; i++) (await client.GetAsync("/channels")).Dispose();
        using var tooMany = await client.GetAsync("/channels");
        await Expect.TooManyAsync(tooMany, 2, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task HttpPort_Redirects308ToTheSameUrlOverHttps_WithHsts()
    {
        using var client = new HttpClient(EdgeHttp.Handler(appliance.Tls, ClientAddresses.Next())) { BaseAddress = new Uri(appliance.Edge.HttpUrl) };
        using var get = await client.GetAsync("/room/abc?limit=5");
        Assert.Equal(HttpStatusCode.PermanentRedirect, get.StatusCode);
        Assert.Equal($"https://127.0.0.1:{appliance.Edge.HttpsPort}/room/abc?limit=5", get.Headers.Location?.ToString());
        Expect.SecurityHeaders(get);
        using var post = await client.SendAsync(Requests.Post("/register", "{}"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, post.StatusCode);
    }

    /// <summary>The redirect names the configured public origin: a client's Host header must not pick where a browser goes next.</summary>
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8443")]
    public async Task HttpPort_Redirect_NamesThePublicUrl_NeverTheRequestsHost(string host)
    {
        var head = $"GET /room/abc?limit=5 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        var response = await RawHttps.SendPlainAsync(new Uri(appliance.Edge.HttpUrl).Port, head);
        Assert.Equal(308, response.Status);
        Assert.Equal($"https://127.0.0.1:{appliance.Edge.HttpsPort}/room/abc?limit=5", response.Header("Location"));
    }

    [Fact]
    public async Task Preflight_IsAnsweredByTheEdge_AllowingTheAuthAndRoomKeyHeaders()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var path = $"/preflight/{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://agents.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-aicq-signature, x-aicq-room-key");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Expect.Header(response, "Access-Control-Allow-Origin"));
        var allowed = Expect.Header(response, "Access-Control-Allow-Headers");
        foreach (var header in new[] { "X-AICQ-Agent", "X-AICQ-Nonce", "X-AICQ-Timestamp", "X-AICQ-Signature", "X-AICQ-Room-Key" })
            Assert.Contains(header, allowed);
        Assert.Contains("POST", Expect.Header(response, "Access-Control-Allow-Methods"));
        Assert.Empty(appliance.Echo.For(path));
    }

    [Fact]
    public async Task CorsHeaders_ExposeTheRateLimitHeaders_OnApiResponses()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/channels");
        request.Headers.Add("Origin", "https://agents.example");
        using var response = await client.SendAsync(request);
        Assert.Equal("*", Expect.Header(response, "Access-Control-Allow-Origin"));
        var exposed = Expect.Header(response, "Access-Control-Expose-Headers");
        foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After" })
            Assert.Contains(header, exposed);
    }
}
