namespace Aicq.Api.Tests.Http;

/// <summary>The metrics port serves the scraper and the platform's checks, never the protocol: the edge does not front it.</summary>
public sealed class MetricsPortTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    [Theory]
    [InlineData("GET", "/channels")]
    [InlineData("GET", "/room/00000000-0000-0000-0000-000000000001")]
    [InlineData("GET", "/stats")]
    [InlineData("GET", "/api")]
    [InlineData("GET", "/docs/openapi.yaml")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/register")]
    [InlineData("DELETE", "/room/00000000-0000-0000-0000-000000000001/01J00000000000000000000000")]
    [InlineData("GET", "/metrics/extra")]
    public async Task ProtocolCall_OnTheMetricsPort_Is404(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Api.MetricsUrl) };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        Assert.Equal("not found", await Assert.Error(response, HttpStatusCode.NotFound));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task MetricsAndHealth_AreServedOnTheMetricsPort(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Api.MetricsUrl) };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtocolCalls_AreStillServedOnThePublicPort()
    {
        using var http = fixture.Api.CreateClient();
        using var response = await http.GetAsync("/channels");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
