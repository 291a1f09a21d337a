using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>Incidents from Alertmanager's webhook and maintenance windows from operators, as the browser shows them.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class IncidentTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task FiringAlert_ShowsIncidentBanner_ResolvedNotification_ClearsIt()
    {
        var page = await appliance.OpenAsync();
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var firing = Alerts.Delivery("firing", Alerts.Alert("firing", "AicqHighErrorRatio", "api", fingerprint, started,
            summary: "More than 5% of API requests fail"));

        // Alertmanager repeats a firing group; the repeat must not open a second incident.
        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(appliance.Status, firing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(appliance.Status, firing)).StatusCode);

        var banner = page.Locator(".incident-banner", new() { HasText = "More than 5% of API requests fail" });
        await Expect(banner).ToBeVisibleAsync(Soon);
        await Expect(banner).ToHaveCountAsync(1);
        await Expect(banner).ToContainTextAsync("Affects AICQ API");
        await Expect(page.Locator("[data-component=api] .incident-link")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "04-incident", output);

        var resolved = Alerts.Delivery("resolved", Alerts.Alert("resolved", "AicqHighErrorRatio", "api", fingerprint, started,
            summary: "More than 5% of API requests fail", endsAt: DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(appliance.Status, resolved)).StatusCode);

        await Expect(banner).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(page.Locator(".past-incident", new() { HasText = "More than 5% of API requests fail" })).ToContainTextAsync("Resolved");
        await Artifacts.ScreenshotAsync(page, "05-incident-resolved", output);

        using var status = JsonDocument.Parse(await appliance.Status.PublicClient().GetStringAsync("/api/status"));
        var incidents = status.RootElement.GetProperty("incidents").EnumerateArray()
            .Where(i => i.GetProperty("title").GetString() == "More than 5% of API requests fail").ToList();
        var incident = Assert.Single(incidents);
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
    }

    [Fact]
    public async Task MaintenanceWindow_ShowsMaintenance_CancellingEndsIt()
    {
        var page = await appliance.OpenAsync();
        var postgres = page.Locator("[data-component=postgres]");
        await Expect(postgres).ToHaveAttributeAsync("data-state", "operational", new() { Timeout = 20_000 });
        using var client = appliance.Status.InternalClient();

        var scheduled = await client.PostAsJsonAsync("/internal/maintenance", new
        {
            title = "Database upgrade",
            components = new[] { "postgres" },
            ends_at = DateTimeOffset.UtcNow.AddMinutes(30),
        });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var id = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        await Expect(postgres).ToHaveAttributeAsync("data-state", "maintenance", new() { Timeout = 10_000 });
        await Expect(postgres.Locator(".component-head .state")).ToHaveTextAsync("⚒ Maintenance");
        await Expect(page.Locator(".maintenance-notice", new() { HasText = "Database upgrade" })).ToContainTextAsync("Maintenance in progress");
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational");
        await Artifacts.ScreenshotAsync(page, "06-maintenance", output);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/internal/maintenance/{id}")).StatusCode);
        await Expect(postgres).ToHaveAttributeAsync("data-state", "operational", new() { Timeout = 10_000 });
        await Expect(page.Locator(".maintenance-notice")).ToHaveCountAsync(0);
    }
}
