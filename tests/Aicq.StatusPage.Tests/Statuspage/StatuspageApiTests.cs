namespace Aicq.StatusPage.Tests.Statuspage;

/// <summary>
/// The built status page answers the Statuspage read API in the format's own schema, with an open incident, a
/// running and a coming maintenance window on the page, from any origin.
/// </summary>
public sealed class StatuspageApiTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    [Fact]
    public async Task EveryEndpoint_ValidatesAgainstTheStatuspageSchema_WithIncidentsAndMaintenance()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        using var delivered = await Alerts.PostAsync(fixture.Page, Alerts.Delivery("firing",
            Alerts.Alert("firing", "AlertmanagerDown", "alertmanager", "sp0000000000001", startsAt, summary: "Alert delivery is failing")));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        using var operators = fixture.Page.InternalClient();
        var running = await operators.PostAsJsonAsync("/internal/maintenance", new { title = "Alerting upgrade", components = new[] { "alertmanager" }, ends_at = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.Created, running.StatusCode);
        var coming = await operators.PostAsJsonAsync("/internal/maintenance", new
        {
            title = "Database upgrade", components = new[] { "all" }, starts_at = DateTimeOffset.UtcNow.AddDays(1), ends_at = DateTimeOffset.UtcNow.AddDays(1).AddHours(2),
        });
        Assert.Equal(HttpStatusCode.Created, coming.StatusCode);

        using var http = fixture.Page.PublicClient();
        // The page rereads incidents and maintenance once per check cycle.
        var summary = await PollAsync(http, "summary.json", s => s.GetProperty("incidents").GetArrayLength() == 1 && s.GetProperty("scheduled_maintenances").GetArrayLength() == 2);

        foreach (var endpoint in StatuspageSchema.Endpoints)
        {
            using var response = await http.GetAsync($"/api/v2/{endpoint}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal([], StatuspageSchema.Violations(endpoint, body.RootElement));
        }

        var incident = summary.GetProperty("incidents")[0];
        Assert.Equal(("Alert delivery is failing", "investigating", "critical"),
            (incident.GetProperty("name").GetString(), incident.GetProperty("status").GetString(), incident.GetProperty("impact").GetString()));
        Assert.EndsWith($"#incident-{incident.GetProperty("id").GetString()}", incident.GetProperty("shortlink").GetString());
        var maintenances = summary.GetProperty("scheduled_maintenances").EnumerateArray().Select(m => (m.GetProperty("name").GetString(), m.GetProperty("status").GetString()));
        Assert.Equal([("Alerting upgrade", "in_progress"), ("Database upgrade", "scheduled")], maintenances);
        var alertmanager = summary.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "alertmanager");
        Assert.Equal("under_maintenance", alertmanager.GetProperty("status").GetString());
        // Components this installation does not monitor are not listed: Statuspage has no "not monitored".
        Assert.DoesNotContain(summary.GetProperty("components").EnumerateArray(), c => c.GetProperty("id").GetString() == "loki");
    }

    [Fact]
    public void Schema_RejectsWhatTheFormatDoesNot_SoItCanFail()
    {
        using var wrong = JsonDocument.Parse("""
            {"page":{"id":"aicq","name":"AICQ","url":"http://x/","time_zone":"Etc/UTC","updated_at":"2026-12-01T10:00:00Z"},
             "status":{"indicator":"unknown","description":"?"},"extra":1}
            """);
        var violations = StatuspageSchema.Violations("status.json", wrong.RootElement);
        Assert.Contains(violations, v => v.StartsWith("/status/indicator", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("extra"));
    }

    private static async Task<JsonElement> PollAsync(HttpClient http, string endpoint, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement? body = null;
            try
            {
                body = JsonDocument.Parse(await http.GetStringAsync($"/api/v2/{endpoint}")).RootElement;
                if (ready(body.Value)) return body.Value;
            }
            catch (TaskCanceledException)
            {
                // One slow answer on a loaded machine; the deadline decides.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{endpoint} did not show the incident and maintenance within 60 s: {body}");
            await Task.Delay(250);
        }
    }
}
