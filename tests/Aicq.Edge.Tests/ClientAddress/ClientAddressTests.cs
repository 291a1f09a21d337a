namespace Aicq.Edge.Tests.ClientAddress;

/// <summary>Who the client is: its socket address, unless a trusted proxy says otherwise; nothing a client writes changes it.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class ClientAddressTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task SpoofedForwardingHeaders_FromAnUntrustedPeer_NeverReachTheApi()
    {
        var from = ClientAddresses.Next();
        using var client = appliance.EchoEdge.Client(from);
        var path = $"/spoof/{Guid.NewGuid():N}";
        using var request = Requests.Get(path);
        Spoof(request, "203.0.113.9");
        request.Headers.Add("Forwarded", "for=203.0.113.9;proto=http");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "http");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var seen = Assert.Single(appliance.Echo.For(path)).Headers;
        Assert.Equal(from.ToString(), seen["X-Forwarded-For"]);
        Assert.Equal("https", seen["X-Forwarded-Proto"]);
        foreach (var name in new[] { "X-Real-IP", "Fly-Client-IP", "Forwarded", "X-Forwarded-Host" })
            Assert.False(seen.ContainsKey(name), $"{name} reached the upstream");
    }

    [Fact]
    public async Task SpoofedForwardingHeaders_DoNotChangeTheLimiterKey()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        for (var i = 0; i < 3; i++)
        {
            using var request = Requests.Get("/channels");
            Spoof(request, $"198.51.100.{i + 1}");
            using var response = await client.SendAsync(request);
            Assert.Equal(i < 2 ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task SpoofedForwardingHeaders_CannotGetAVictimBlocked()
    {
        var victim = ClientAddresses.Next();
        using var attacker = appliance.ShortEdge.Client(ClientAddresses.Next());
        for (var i = 0; i < 12; i++)
        {
            using var request = Requests.Get("/channels");
            Spoof(request, victim.ToString());
            using var _ = await attacker.SendAsync(request);
        }
        using (var attackerBlocked = await attacker.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.Forbidden, attackerBlocked.StatusCode);

        using var victimClient = appliance.ShortEdge.Client(victim);
        using var response = await victimClient.GetAsync("/channels");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Expect.RateLimit(response).Remaining);
    }

    [Fact]
    public async Task TrustedProxy_NamesTheClient_ByFlyClientIpThenForwardedFor()
    {
        using var proxy = appliance.EchoEdge.Client(IPAddress.Parse(ApplianceFixture.TrustedProxy));

        var flyPath = $"/fly/{Guid.NewGuid():N}";
        using (var request = Requests.Get(flyPath))
        {
            request.Headers.Add("Fly-Client-IP", "203.0.113.7");
            request.Headers.Add("X-Forwarded-For", "198.51.100.1");
            using var _ = await proxy.SendAsync(request);
        }
        Assert.Equal("203.0.113.7", Assert.Single(appliance.Echo.For(flyPath)).Headers["X-Forwarded-For"]);

        // Without Fly-Client-IP: the rightmost address that is not a trusted proxy; what the client wrote further left is ignored.
        var xffPath = $"/xff/{Guid.NewGuid():N}";
        using (var request = Requests.Get(xffPath))
        {
            request.Headers.Add("X-Forwarded-For", $"192.0.2.66, 198.51.100.1, {ApplianceFixture.TrustedProxy}");
            using var _ = await proxy.SendAsync(request);
        }
        Assert.Equal("198.51.100.1", Assert.Single(appliance.Echo.For(xffPath)).Headers["X-Forwarded-For"]);

        var from = ClientAddresses.Next();
        using var untrusted = appliance.EchoEdge.Client(from);
        var untrustedPath = $"/untrusted/{Guid.NewGuid():N}";
        using (var request = Requests.Get(untrustedPath))
        {
            request.Headers.Add("Fly-Client-IP", "203.0.113.7");
            using var _ = await untrusted.SendAsync(request);
        }
        Assert.Equal(from.ToString(), Assert.Single(appliance.Echo.For(untrustedPath)).Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task PlainHttp_IsServedOnlyWhenATrustedProxyTerminatedTls()
    {
        var handler = EdgeHttp.Handler(appliance.Tls, IPAddress.Parse(ApplianceFixture.TrustedProxy));
        using var proxy = new HttpClient(handler) { BaseAddress = new Uri(appliance.EchoEdge.HttpUrl) };
        using (var request = Requests.Get("/api"))
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var served = await proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        using (var request = Requests.Get("/api"))
        {
            request.Headers.Add("X-Forwarded-Proto", "http");
            using var redirected = await proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        }
        using var untrusted = new HttpClient(EdgeHttp.Handler(appliance.Tls, ClientAddresses.Next())) { BaseAddress = new Uri(appliance.EchoEdge.HttpUrl) };
        using (var request = Requests.Get("/api"))
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var refused = await untrusted.SendAsync(request);
            Assert.Equal(HttpStatusCode.PermanentRedirect, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Api_LogsTheAddressTheEdgeDecided_NotTheSpoofedOne()
    {
        var from = ClientAddresses.Next();
        var requestId = $"edge-ip-{Guid.NewGuid():N}";
        using var client = appliance.Edge.Client(from);
        using var request = Requests.Get("/api");
        request.Headers.Add("X-Request-ID", requestId);
        Spoof(request, "203.0.113.99");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = await ApiLogLineAsync(requestId);
        Assert.Contains($"\"ip\":\"{from}\"", line);
        Assert.DoesNotContain("203.0.113.99", line);
    }

    private async Task<string> ApiLogLineAsync(string requestId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var line = appliance.Api1.Process.Output.Concat(appliance.Api2.Process.Output)
                .FirstOrDefault(l => l.Contains(requestId, StringComparison.Ordinal) && l.Contains("http_request", StringComparison.Ordinal));
            if (line is not null) return line;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no API request log line with {requestId}");
    }

    private static void Spoof(HttpRequestMessage request, string address)
    {
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.Add("X-Real-IP", address);
        request.Headers.Add("Fly-Client-IP", address);
    }
}
