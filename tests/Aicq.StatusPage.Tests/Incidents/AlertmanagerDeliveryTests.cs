namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>The real Alertmanager, configured as <c>./aicq up</c> configures it, delivers to the page with its token.</summary>
public sealed class AlertmanagerDeliveryTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private StatusPageProcess Page => fixture.Page;

    [Fact]
    public async Task Alert_ReachesTheWebhook_WithTheToken_AndTheWatchdogTheHeartbeat()
    {
        var tokenFile = Path.Combine(TestState.NewDirectory("webhook-token"), "status_webhook_token");
        await File.WriteAllTextAsync(tokenFile, Page.WebhookToken);
        await using var alertmanager = await RealAlertmanager.StartAsync(Page.InternalUrl, tokenFile);
        var alertName = "RedisDown" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        var posted = await http.PostAsJsonAsync($"{alertmanager.Url}/api/v2/alerts", new[]
        {
            new { labels = new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "critical", ["component"] = "redis" },
                  annotations = new Dictionary<string, string> { ["summary"] = "Redis is down (Alertmanager test)" } },
            new { labels = new Dictionary<string, string> { ["alertname"] = "Watchdog", ["severity"] = "none", ["component"] = "prometheus" },
                  annotations = new Dictionary<string, string>() },
        });
        posted.EnsureSuccessStatusCode();

        var incident = await WaitForAsync(async () =>
        {
            using var operators = Page.InternalClient();
            var incidents = await operators.GetFromJsonAsync<JsonElement>("/internal/incidents");
            return incidents.EnumerateArray().Where(i => i.GetProperty("alert_name").GetString() == alertName).Select(i => (JsonElement?)i).FirstOrDefault();
        });
        Assert.Equal("redis", incident.GetProperty("component").GetString());
        Assert.Equal("Redis is down (Alertmanager test)", incident.GetProperty("title").GetString());
        await WaitForAsync(async () =>
        {
            using var status = JsonDocument.Parse(await Page.PublicClient().GetStringAsync("/api/status"));
            var component = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "alertmanager");
            return component.GetProperty("parts").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Alert delivery (heartbeat)") ? (bool?)true : null;
        });
    }

    /// <summary>Alertmanager's first delivery waits group_wait (1 s here); a busy machine gets a minute.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new TimeoutException("Alertmanager's delivery did not reach the status page within 60 s");
    }
}
