namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>The webhook believes only Alertmanager, which presents STATUS_WEBHOOK_TOKEN: anyone else changes nothing.</summary>
public sealed class WebhookAuthTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private StatusPageProcess Page => fixture.Page;

    [Fact]
    public async Task Webhook_WithoutOrWithAWrongToken_Returns401_AndOpensNoIncidentAndRecordsNoHeartbeat()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var delivery = Alerts.Delivery("firing",
            Alerts.Alert("firing", "RedisDown", "redis", fingerprint, DateTimeOffset.UtcNow.AddMinutes(-1)),
            Alerts.Alert("firing", "Watchdog", "prometheus", "watchdog", DateTimeOffset.UtcNow.AddHours(-1), severity: "none"));
        string?[] refused = [null, "Bearer", "Bearer " + StatusPageProcess.NewToken(), "Bearer " + Page.AdminToken, Page.WebhookToken, "Basic " + Page.WebhookToken];
        foreach (var authorization in refused)
        {
            using var http = Page.InternalClient(authorized: false);
            if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.PostAsJsonAsync("/internal/alerts", delivery);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("a valid webhook token is required", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        // A valid delivery of nothing makes the page rebuild its view, so a heartbeat refused above would show now.
        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(Page, Alerts.Delivery("resolved"))).StatusCode);
        Assert.False(await HasHeartbeatAsync());
        Assert.DoesNotContain(fingerprint, await OperatorIncidentsAsync());

        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(Page, delivery)).StatusCode);
        Assert.True(await HasHeartbeatAsync());
        Assert.Contains(fingerprint, await OperatorIncidentsAsync());
    }

    [Fact]
    public async Task OperatorEndpoints_RefuseTheWebhookToken()
    {
        using var http = Page.InternalClient(authorized: false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Page.WebhookToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/internal/incidents")).StatusCode);
    }

    private async Task<bool> HasHeartbeatAsync()
    {
        using var http = Page.PublicClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        var alertmanager = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "alertmanager");
        return alertmanager.GetProperty("parts").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Alert delivery (heartbeat)");
    }

    private async Task<string> OperatorIncidentsAsync()
    {
        using var http = Page.InternalClient();
        return await http.GetStringAsync("/internal/incidents");
    }
}
