using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>Several incidents at once, their timelines, and the operator's evidence page, as people see them.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class IncidentEvidenceTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task CanaryFailure_IncidentLeadsToRequestIdsTheApiLogged_NextToASecondOpenIncident_WithOperatorTimeline()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var other = Guid.NewGuid().ToString("N")[..16];
        await appliance.Redis.StopAsync();
        try
        {
            await Poll.UntilAsync("the canary to fail", async () =>
            {
                using var status = JsonDocument.Parse(await appliance.Status.PublicClient().GetStringAsync("/api/status"));
                return status.RootElement.GetProperty("components").EnumerateArray()
                    .Any(c => c.GetProperty("key").GetString() == "canary" && c.GetProperty("state").GetString() == "outage") ? true : (bool?)null;
            });
            var canary = Alerts.Alert("firing", "CanaryFailing", "canary", fingerprint, DateTimeOffset.UtcNow.AddMinutes(-1),
                summary: "The synthetic agent's steps fail");
            canary["annotations"]!["runbook_url"] = "https://github.com/aicq/aicq/blob/main/docs/runbook.md#canaryfailing";
            var api = Alerts.Alert("firing", "AicqHighErrorRatio", "api", other, DateTimeOffset.UtcNow.AddMinutes(-1), summary: "API requests fail");
            Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(appliance.Status, Alerts.Delivery("firing", canary, api))).StatusCode);
        }
        finally
        {
            await appliance.Redis.StartAgainAsync();
        }

        using var operators = appliance.Status.InternalClient();
        var incidents = await operators.GetFromJsonAsync<JsonElement>("/internal/incidents");
        var incident = incidents.EnumerateArray().Single(i => i.GetProperty("fingerprint").GetString() == fingerprint);
        var id = incident.GetProperty("id").GetInt32();
        var requestIds = incident.GetProperty("request_ids").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.NotEmpty(requestIds);
        Assert.All(requestIds, r => Assert.Matches("^canary-[0-9a-f]{32}$", r));
        // The very id the API logged the failed call under: what an operator searches Loki for.
        await Poll.UntilAsync("the API's log line with the canary's request id", () =>
            Task.FromResult(appliance.Api.Logged(requestIds[0]) ? true : (bool?)null));

        Assert.Equal(HttpStatusCode.Created, (await operators.PostAsJsonAsync($"/internal/incidents/{id}/updates",
            new { message = "On it: Redis stopped on the host", acknowledge = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await operators.PostAsJsonAsync($"/internal/incidents/{id}/updates",
            new { message = "Redis is back; watching the canary" })).StatusCode);

        var page = await appliance.OpenAsync();
        var banners = page.Locator(".incident-banner");
        await Expect(banners.Filter(new() { HasText = "The synthetic agent's steps fail" })).ToBeVisibleAsync(Soon);
        await Expect(banners.Filter(new() { HasText = "API requests fail" })).ToBeVisibleAsync(Soon);
        var timeline = banners.Filter(new() { HasText = "The synthetic agent's steps fail" }).Locator(".timeline li");
        await Expect(timeline).ToHaveCountAsync(3);
        await Expect(timeline.Nth(1)).ToContainTextAsync("Acknowledged On it: Redis stopped on the host");
        await Expect(timeline.Nth(2)).ToContainTextAsync("Opened by the alert CanaryFailing");
        await Artifacts.ScreenshotAsync(page, "12-two-incidents-with-timeline", output);

        var context = await appliance.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {appliance.Status.AdminToken}" },
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        var evidence = await context.NewPageAsync();
        var response = await evidence.GotoAsync($"{appliance.Status.InternalUrl}/internal/incidents/{id}");
        Assert.Equal(200, response!.Status);
        await Expect(evidence.Locator("[data-field=alert]")).ToHaveTextAsync("CanaryFailing");
        await Expect(evidence.Locator("[data-field=runbook] a")).ToHaveAttributeAsync("href", "https://github.com/aicq/aicq/blob/main/docs/runbook.md#canaryfailing");
        await Expect(evidence.Locator("[data-field=generator] a")).ToHaveAttributeAsync("href", "http://prometheus:9090/graph?g0.expr=up");
        await Expect(evidence.Locator("[data-field=labels] li", new() { HasText = "component=\"canary\"" })).ToHaveCountAsync(1);
        await Expect(evidence.Locator("[data-field=request-ids] [data-request-id]")).ToHaveCountAsync(requestIds.Count);
        await Expect(evidence.Locator($"[data-request-id=\"{requestIds[0]}\"]")).ToBeVisibleAsync();
        await Expect(evidence.Locator("[data-field=timeline] li").First).ToHaveAttributeAsync("data-kind", "update");
        await Artifacts.ScreenshotAsync(evidence, "13-operator-incident-evidence", output);

        // Without the operator token the page is refused, as the rest of /internal is.
        var anonymous = await (await appliance.Browser.NewContextAsync()).NewPageAsync();
        Assert.Equal(401, (await anonymous.GotoAsync($"{appliance.Status.InternalUrl}/internal/incidents/{id}"))!.Status);

        foreach (var open in new[] { id, incidents.EnumerateArray().Single(i => i.GetProperty("fingerprint").GetString() == other).GetProperty("id").GetInt32() })
            await operators.PostAsJsonAsync($"/internal/incidents/{open}/updates", new { message = "Closed by the test", resolve = true });
    }
}
