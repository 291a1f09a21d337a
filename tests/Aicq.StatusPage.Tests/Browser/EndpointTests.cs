namespace Aicq.StatusPage.Tests.Browser;

/// <summary>The real process's ports and endpoints: what is internal stays internal, operators need the token.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class EndpointTests(ApplianceFixture appliance)
{
    [Theory]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/internal/alerts")]
    [InlineData("GET", "/internal/incidents")]
    public async Task InternalPaths_AreNotFoundOnPublicPort_EvenWithTheInternalPortAsHost(string method, string path)
    {
        using var http = appliance.Status.PublicClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = $"127.0.0.1:{appliance.Status.InternalPort}";
        request.Headers.Authorization = new("Bearer", appliance.Status.AdminToken);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Metrics_OnInternalPort_ReportEveryCanaryStepAndComponentState()
    {
        using var http = appliance.Status.InternalClient(authorized: false);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string metrics;
        do
        {
            metrics = await http.GetStringAsync("/metrics");
            if (metrics.Contains("aicq_canary_success{step=\"search\"} 1")) break;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        foreach (var step in new[] { "post", "read", "dm_send", "dm_read", "search" })
        {
            Assert.Contains($"aicq_canary_success{{step=\"{step}\"}} 1", metrics);
            Assert.Contains($"aicq_canary_duration_seconds{{step=\"{step}\"}}", metrics);
        }
        Assert.Contains("aicq_status_component_state{component=\"api\",state=\"operational\"} 1", metrics);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token-not-the-token-not")]
    public async Task OperatorEndpoints_RejectMissingOrWrongToken(string? token)
    {
        using var http = appliance.Status.InternalClient(authorized: false);
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await http.PostAsJsonAsync("/internal/maintenance", new { title = "x", components = new[] { "api" }, ends_at = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/internal/incidents")).StatusCode);
    }

    [Fact]
    public async Task ScheduleMaintenance_WithBadValues_ListsEveryProblemInTheErrorShape()
    {
        using var http = appliance.Status.InternalClient();
        var response = await http.PostAsJsonAsync("/internal/maintenance", new { title = "", components = new[] { "database" }, ends_at = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("title", error);
        Assert.Contains("unknown components: database", error);
        Assert.Contains("ends_at", error);
    }

    [Fact]
    public async Task Webhook_RejectsMalformedBody_WithErrorShape()
    {
        using var http = appliance.Status.WebhookClient();
        var response = await http.PostAsync("/internal/alerts", new StringContent("{\"alerts\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task OperatorUpdate_AppearsOnThePublicTimeline()
    {
        using var client = appliance.Status.InternalClient();
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        await Alerts.PostAsync(appliance.Status, Alerts.Delivery("firing", Alerts.Alert("firing", "RedisDown", "redis", fingerprint, started,
            summary: "Redis is down", severity: "warning")));
        var incidents = await client.GetFromJsonAsync<JsonElement>("/internal/incidents");
        var id = incidents.EnumerateArray().Single(i => i.GetProperty("fingerprint").GetString() == fingerprint).GetProperty("id").GetInt32();

        var update = await client.PostAsJsonAsync($"/internal/incidents/{id}/updates", new { message = "We restarted Redis on 10.0.0.7 and are watching.", resolve = true });
        Assert.Equal(HttpStatusCode.Created, update.StatusCode);

        var status = await appliance.Status.PublicClient().GetStringAsync("/api/status");
        Assert.Contains("We restarted Redis on [internal] and are watching.", status);
        Assert.DoesNotContain("10.0.0.7", status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/internal/incidents/999999/updates", new { message = "x" })).StatusCode);
    }

    [Fact]
    public async Task WatchdogDelivery_IsRecordedAsTheAlertDeliveryHeartbeat_NotAnIncident()
    {
        var watchdog = Alerts.Alert("firing", "Watchdog", "prometheus", "watchdog", DateTimeOffset.UtcNow.AddHours(-1), severity: "none");
        var response = await Alerts.PostAsync(appliance.Status, Alerts.Delivery("firing", watchdog));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ignored").GetInt32());

        using var status = JsonDocument.Parse(await appliance.Status.PublicClient().GetStringAsync("/api/status"));
        var alertmanager = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "alertmanager");
        var heartbeat = alertmanager.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Alert delivery (heartbeat)");
        Assert.Equal("operational", heartbeat.GetProperty("state").GetString());
        Assert.DoesNotContain(status.RootElement.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("title").GetString()!.Contains("Watchdog"));
    }
}
