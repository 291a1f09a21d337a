namespace Aicq.Edge.Tests.Hardening;

/// <summary>Metrics, probes and admin exist on the internal port only; the public ports answer 404 however they are asked.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class InternalPathTests(ApplianceFixture appliance)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/METRICS")]
    [InlineData("//metrics/")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/admin/blocks")]
    public async Task InternalPath_IsNotFoundOnThePublicPort(string path)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        // Absolute, so that "//metrics/" stays a path instead of naming a host.
        using var response = await client.GetAsync(new Uri(appliance.Edge.HttpsUrl + path));
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound, "not found");
        Expect.SecurityHeaders(response);
    }

    [Fact]
    public async Task Metrics_AreNotFoundOnThePublicPort_EvenWithTheInternalPortAsHost_AndServedOnTheInternalPort()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/metrics");
        request.Headers.Host = new Uri(appliance.Edge.InternalUrl).Authority;
        using var publicMetrics = await client.SendAsync(request);
        await Expect.ErrorAsync(publicMetrics, HttpStatusCode.NotFound);

        using var internalClient = appliance.Edge.Internal();
        using var internalMetrics = await internalClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, internalMetrics.StatusCode);
        Assert.Contains("aicq_edge_requests_total", await internalMetrics.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InternalPort_ServesNothingElse()
    {
        using var internalClient = appliance.Edge.Internal();
        using var response = await internalClient.GetAsync("/api");
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        using var live = await internalClient.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>Internal paths no endpoint of the edge takes must not fall through to the proxy: the internal port bypasses every public check.</summary>
    [Theory]
    [InlineData("DELETE", "/metrics")]
    [InlineData("POST", "/metrics")]
    [InlineData("GET", "/metrics/x")]
    [InlineData("GET", "/admin/nothing")]
    [InlineData("PUT", "/admin/blocks")]
    [InlineData("GET", "/health/ready/x")]
    public async Task InternalPort_NeverForwards_EvenUnderAnInternalPath(string method, string path)
    {
        using var internalClient = appliance.EchoEdge.Internal();
        using var response = await internalClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound, "not found");
        Assert.Empty(appliance.Echo.For(path));
    }

    [Fact]
    public async Task ProtocolHealth_IsPublic_AndComesFromTheApi()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"checks\"", await response.Content.ReadAsStringAsync());
    }
}
