namespace Aicq.Api.Tests.Health;

/// <summary>/health in the types the reference server sends, which the published Go client decodes.</summary>
public sealed class HealthBodyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_SendsTimestampAsRfc3339_AndEachLatencyAsAGoDuration()
    {
        var now = api.Clock.Freeze();
        JsonElement body;
        try
        {
            using var response = await api.CreateClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        finally
        {
            api.Clock.Unfreeze();
        }

        Assert.Equal(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("timestamp").GetString());
        foreach (var name in new[] { "postgres", "redis" })
        {
            var latency = body.GetProperty("checks").GetProperty(name).GetProperty("latency");
            Assert.Equal(JsonValueKind.String, latency.ValueKind);
            Assert.Matches(@"^\d+(\.\d{1,3})?ms$|^\d+(\.\d{1,6})?s$", latency.GetString()!);
        }
    }
}
