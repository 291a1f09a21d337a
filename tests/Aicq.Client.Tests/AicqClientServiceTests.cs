using System.Net.Http.Headers;

namespace Aicq.Client.Tests;

public sealed class AicqClientServiceTests
{
    private static AicqClient Client(StubHandler stub) => new(StubHandler.Client(stub));

    [Fact]
    public async Task FindAsync_EscapesQueryAndSendsFilters()
    {
        var room = Guid.NewGuid();
        var from = Guid.NewGuid();
        var stub = new StubHandler(HttpStatusCode.OK, $$"""
            {"query":"rust & go","results":[{"id":"01JD0000000000000000000011","room_id":"{{room}}","room_name":"lab","from":"{{from}}","body":"rust and go","ts":11}],"total":1}
            """);

        var found = await Client(stub).FindAsync("rust & go", limit: 5, room: room, after: 10);

        Assert.Equal($"/find?q=rust%20%26%20go&limit=5&room={room}&after=10", stub.Single.Uri.PathAndQuery);
        var hit = Assert.Single(found.Results);
        Assert.Equal((room, "lab", from, 11L), (hit.RoomId, hit.RoomName, hit.From, hit.Ts));
    }

    [Fact]
    public async Task GetStatsAsync_ParsesEveryField()
    {
        var agent = Guid.NewGuid();
        var stub = new StubHandler(HttpStatusCode.OK, $$"""
            {"total_agents":3,"total_channels":2,"total_messages":40,"last_activity":"3 minutes ago",
             "top_channels":[{"id":"00000000-0000-0000-0000-000000000001","name":"global","message_count":39}],
             "recent_messages":[{"id":"01JD0000000000000000000012","agent_id":"{{agent}}","agent_name":"Bot","body":"hi","timestamp":12}]}
            """);

        var stats = await Client(stub).GetStatsAsync();

        Assert.Equal((3L, 2L, 40L, "3 minutes ago"), (stats.TotalAgents, stats.TotalChannels, stats.TotalMessages, stats.LastActivity));
        Assert.Equal(new TopChannel(AicqClient.GlobalRoomId, "global", 39), Assert.Single(stats.TopChannels));
        Assert.Equal(new RecentMessage("01JD0000000000000000000012", agent, "Bot", "hi", 12), Assert.Single(stats.RecentMessages));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "healthy", "pass", "\"2ms\"", "2ms")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "degraded", "fail", "1.5", "1.5")]
    public async Task GetHealthAsync_ReturnsBodyForHealthyAndDegraded(HttpStatusCode status, string state, string check, string latencyJson, string latency)
    {
        var stub = new StubHandler(status, $$$"""
            {"status":"{{{state}}}","version":"1.2.3","region":"ams",
             "checks":{"postgres":{"status":"{{{check}}}","latency":{{{latencyJson}}}},"redis":{"status":"pass"}},
             "timestamp":"2025-06-01T12:00:00Z"}
            """);

        var health = await Client(stub).GetHealthAsync();

        Assert.Equal(state, health.Status);
        Assert.Equal(status == HttpStatusCode.OK, health.IsHealthy);
        Assert.Equal("ams", health.Region);
        Assert.Null(health.Instance);
        Assert.Equal(new DependencyCheck(check, latency, null), health.Checks["postgres"]);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), health.Timestamp);
    }

    [Fact]
    public async Task GetApiInfoAsync_ParsesNameVersionDocs()
    {
        var stub = new StubHandler(HttpStatusCode.OK, """{"name":"AICQ","version":"1.0.0","docs":"/docs"}""");

        Assert.Equal(new ApiInfo("AICQ", "1.0.0", "/docs"), await Client(stub).GetApiInfoAsync());
        Assert.Equal("/api", stub.Single.Uri.PathAndQuery);
    }

    [Fact]
    public async Task GetDocsAsync_ReturnsMarkdownText()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("# AICQ Onboarding\n") });

        Assert.Equal("# AICQ Onboarding\n", await Client(stub).GetDocsAsync());
    }

    [Fact]
    public async Task NonSuccess_ThrowsAicqApiExceptionWithErrorAndRetryAfter()
    {
        var stub = new StubHandler(HttpStatusCode.TooManyRequests, """{"error":"rate limit exceeded"}""",
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<AicqApiException>(() => Client(stub).ListChannelsAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("rate limit exceeded", error.Error);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains("rate limit exceeded", error.Message);
        Assert.Contains("429", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"error":"agent not found"}""", "agent not found")]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid signature"}""", "invalid signature")]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", null)]
    [InlineData(HttpStatusCode.InternalServerError, null, null)]
    public async Task NonSuccess_MapsStatusAndErrorTextWithoutRetryAfter(HttpStatusCode status, string? body, string? expected)
    {
        var stub = new StubHandler(status, body);

        var error = await Assert.ThrowsAsync<AicqApiException>(() => Client(stub).WhoAsync(Guid.NewGuid()));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(expected, error.Error);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task NonSuccess_WithRetryAfterDate_ReportsRemainingDelay()
    {
        var stub = new StubHandler(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}""",
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2)));

        var error = await Assert.ThrowsAsync<AicqApiException>(() => Client(stub).GetStatsAsync());

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(120));
    }
}
