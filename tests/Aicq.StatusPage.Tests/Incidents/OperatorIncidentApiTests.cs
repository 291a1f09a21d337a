using static Aicq.StatusPage.Tests.Support.Answers;

namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>The operator API's incident: its evidence as JSON, acknowledgements, and the bound on its timeline.</summary>
public sealed class OperatorIncidentApiTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private StatusPageProcess Page => fixture.Page;

    [Fact]
    public async Task Incident_ShowsTheAlertsEvidence_AcknowledgeIsATimelineEntry_AndAFullTimelineRefusesMore()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var alert = Alerts.Alert("firing", "RedisDown", "redis", fingerprint, DateTimeOffset.UtcNow.AddMinutes(-1), summary: "Redis is down");
        alert["annotations"]!["runbook_url"] = "https://github.com/aicq/aicq/blob/main/docs/runbook.md#redisdown";
        using (var delivered = await Alerts.PostAsync(Page, Alerts.Delivery("firing", alert)))
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        using var http = Page.InternalClient();
        var id = (await http.GetFromJsonAsync<JsonElement>("/internal/incidents")).EnumerateArray()
            .Single(i => i.GetProperty("fingerprint").GetString() == fingerprint).GetProperty("id").GetInt32();

        var incident = await http.GetFromJsonAsync<JsonElement>($"/internal/incidents/{id}");
        Assert.Equal("https://github.com/aicq/aicq/blob/main/docs/runbook.md#redisdown", incident.GetProperty("runbook_url").GetString());
        Assert.Equal("http://prometheus:9090/graph?g0.expr=up", incident.GetProperty("generator_url").GetString());
        Assert.Equal("redis", incident.GetProperty("labels").GetProperty("component").GetString());
        Assert.Equal(0, incident.GetProperty("request_ids").GetArrayLength());

        using var acknowledged = await http.PostAsJsonAsync($"/internal/incidents/{id}/updates", new { message = "Looking", acknowledge = true });
        Assert.Equal(HttpStatusCode.Created, acknowledged.StatusCode);
        var kinds = (await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("kind").GetString());
        Assert.Equal(["opened", "acknowledged"], kinds);

        for (var i = 2; i < 100; i++)
        {
            using var update = await http.PostAsJsonAsync($"/internal/incidents/{id}/updates", new { message = $"update {i}" });
            Assert.Equal(HttpStatusCode.Created, update.StatusCode);
        }
        using var refused = await http.PostAsJsonAsync($"/internal/incidents/{id}/updates", new { message = "one too many" });
        await AssertErrorAsync(refused, HttpStatusCode.Conflict);
        using var resolved = await http.PostAsJsonAsync($"/internal/incidents/{id}/updates", new { message = "done", resolve = true });
        Assert.Equal(HttpStatusCode.Created, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updates").EnumerateArray().Last().GetProperty("kind").GetString());
    }
}
