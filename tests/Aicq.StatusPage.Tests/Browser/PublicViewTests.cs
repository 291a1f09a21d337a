using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>What the public sees: no internal names, no JavaScript needed, fits a phone, and its history lasts.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class PublicViewTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    [Fact]
    public async Task PublicViews_ContainNoInternalHostNamesOrAddresses()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var started = DateTimeOffset.UtcNow.AddMinutes(-2);
        var alert = Alerts.Alert("firing", "AicqApiInstanceDown", "api", fingerprint, started,
            summary: "API instance 127.0.0.1:5080 (api-1.internal:5080, localhost) is down, see http://10.1.2.3:9090/graph",
            description: "Scraping http://127.0.0.1:5080/metrics failed: connection refused");
        Assert.Equal(HttpStatusCode.OK, (await Alerts.PostAsync(appliance.Status, Alerts.Delivery("firing", alert))).StatusCode);
        try
        {
            var page = await appliance.OpenAsync();
            await Expect(page.Locator(".incident-banner", new() { HasText = "is down" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Expect(page.Locator("[data-component=canary]")).ToHaveAttributeAsync("data-state", "operational", new() { Timeout = 20_000 });
            using var http = appliance.Status.PublicClient();
            var views = new Dictionary<string, string>
            {
                ["live page"] = await page.ContentAsync(),
                ["server-rendered page"] = await http.GetStringAsync("/"),
                ["/api/status"] = await http.GetStringAsync("/api/status"),
                ["/feed.atom"] = await http.GetStringAsync("/feed.atom"),
                ["/badge/api.svg"] = await http.GetStringAsync("/badge/api.svg"),
            };
            var forbidden = new[]
            {
                "127.0.0.1", "localhost", "10.1.2.3", "api-1.internal", "connection refused", "Scraping",
                $":{appliance.Api.Port}", $":{appliance.Redis.Port}", $":{appliance.Postgres.Port}", $":{appliance.Monitoring.Port}",
                appliance.CanaryStateDirectory,
            };
            foreach (var (name, body) in views)
                foreach (var word in forbidden)
                    Assert.False(body.Contains(word, StringComparison.OrdinalIgnoreCase), $"{name} contains '{word}'");
            Assert.Contains("[internal]", views["/api/status"]);
        }
        finally
        {
            var resolved = Alerts.Alert("resolved", "AicqApiInstanceDown", "api", fingerprint, started, endsAt: DateTimeOffset.UtcNow);
            await Alerts.PostAsync(appliance.Status, Alerts.Delivery("resolved", resolved));
        }
    }

    [Fact]
    public async Task WithoutJavaScript_ServerRenderedPageShowsCurrentStateAndRefreshes()
    {
        var page = await appliance.OpenAsync(javaScript: false);
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational");
        await Expect(page.Locator("[data-component=api]")).ToHaveAttributeAsync("data-state", "operational");
        await Expect(page.Locator("[data-component=api] .state").First).ToHaveTextAsync("✓ Operational");
        await Expect(page.Locator("[data-component=loki] .state")).ToHaveTextAsync("– Not monitored");
        Assert.Contains("http-equiv=\"refresh\"", await page.ContentAsync());
        await Artifacts.ScreenshotAsync(page, "07-no-javascript", output);
    }

    [Fact]
    public async Task PhoneScreen_PageFitsWithoutSidewaysScrolling()
    {
        var page = await appliance.OpenAsync(viewport: new ViewportSize { Width = 375, Height = 740 });
        await Expect(page.Locator("[data-overall]")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways on a 375 px wide screen");
        await Artifacts.ScreenshotAsync(page, "08-phone", output);
    }

    [Fact]
    public async Task History_SurvivesStatusPageRestart_OpenPagesRecover_CanaryKeepsItsIdentity()
    {
        var before = await WaitForChecksAsync(minimum: 3);
        var identity = await File.ReadAllTextAsync(Path.Combine(appliance.CanaryStateDirectory, "canary-agent.json"));
        var open = await appliance.OpenAsync();
        await Expect(open.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational");

        await appliance.RestartStatusPageAsync();

        // A page left open across the restart comes back by itself (reconnect.js) and is live again.
        var updated = await open.Locator(".updated time").TextContentAsync();
        await Expect(open.Locator(".updated time")).Not.ToHaveTextAsync(updated!, new() { Timeout = 30_000 });
        var updatedAgain = await open.Locator(".updated time").TextContentAsync();
        await Expect(open.Locator(".updated time")).Not.ToHaveTextAsync(updatedAgain!, new() { Timeout = 10_000 });

        var after = await WaitForChecksAsync(minimum: before);
        Assert.True(after >= before, $"checks in 24 h went from {before} to {after} over a restart");
        Assert.Equal(identity, await File.ReadAllTextAsync(Path.Combine(appliance.CanaryStateDirectory, "canary-agent.json")));
        var page = await appliance.OpenAsync();
        await Expect(page.Locator("[data-component=canary]")).ToHaveAttributeAsync("data-state", "operational", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-component=api] .uptime dd").First).Not.ToHaveTextAsync("no data");
    }

    [Fact]
    public async Task Badge_And_Feed_AreValidAndCarryTheStateInWords()
    {
        using var http = appliance.Status.PublicClient();
        var badge = await http.GetAsync("/badge/api.svg");
        Assert.Equal("image/svg+xml", badge.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await badge.Content.ReadAsStringAsync());
        Assert.Contains("AICQ API: ", svg.Root!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/badge/nonsense.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/badge/overall.svg")).StatusCode);

        var feed = await http.GetAsync("/feed.atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        var atom = XDocument.Parse(await feed.Content.ReadAsStringAsync());
        Assert.Equal("{http://www.w3.org/2005/Atom}feed", atom.Root!.Name.ToString());
    }

    /// <summary>Waits until the API component has at least <paramref name="minimum"/> checks in its 24 h history.</summary>
    private async Task<long> WaitForChecksAsync(long minimum)
    {
        using var http = appliance.Status.PublicClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long checks = 0;
        while (DateTime.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
            checks = status.RootElement.GetProperty("components").EnumerateArray()
                .Single(c => c.GetProperty("key").GetString() == "api").GetProperty("checks_24h").GetInt64();
            if (checks >= minimum && status.RootElement.GetProperty("history_available").GetBoolean()) return checks;
            await Task.Delay(250);
        }
        throw new TimeoutException($"the API component had {checks} checks in its history, expected at least {minimum}");
    }
}
