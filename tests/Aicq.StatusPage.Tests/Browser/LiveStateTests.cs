using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>The page in real Chromium against the real API, PostgreSQL and Redis: it tells the truth, live.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class LiveStateTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 20_000 };

    [Fact]
    public async Task EveryComponent_IsOperational_WhenEverythingRuns()
    {
        var page = await appliance.OpenAsync();
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational", Soon);
        foreach (var key in new[] { "api", "postgres", "redis", "canary", "prometheus", "alertmanager", "grafana" })
            await Expect(Component(page, key)).ToHaveAttributeAsync("data-state", "operational", Soon);
        foreach (var key in new[] { "edge", "loki" })
            await Expect(Component(page, key)).ToHaveAttributeAsync("data-state", "not_monitored");
        await Expect(Component(page, "canary").Locator("li[data-state=operational]")).ToHaveCountAsync(5);
        await Expect(page.Locator(".overall-headline")).ToContainTextAsync("All systems operational");
        await Artifacts.ScreenshotAsync(page, "01-operational", output);
    }

    [Fact]
    public async Task RedisStopped_RedisAndApiDegraded_PostgresOperational_CanaryFailsWithReason_ThenRecovers()
    {
        var page = await appliance.OpenAsync();
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational", Soon);
        // Set in the live page: still there at the end proves the page updated itself without a reload.
        await page.EvaluateAsync("() => window.aicqNoReload = true");

        await appliance.Redis.StopAsync();
        try
        {
            var within = new LocatorAssertionsToHaveAttributeOptions { Timeout = (float)(3 * ApplianceFixture.Interval.TotalMilliseconds + 2000) };
            await Expect(Component(page, "redis")).ToHaveAttributeAsync("data-state", "degraded", within);
            await Expect(Component(page, "api")).ToHaveAttributeAsync("data-state", "degraded", within);
            await Expect(Component(page, "canary")).ToHaveAttributeAsync("data-state", "outage", within);
            await Expect(Component(page, "postgres")).ToHaveAttributeAsync("data-state", "operational");
            await Expect(Component(page, "redis").Locator(".reason")).ToContainTextAsync("the API reports it failing (unreachable)");
            await Expect(Component(page, "canary").Locator("li[data-part] .part-reason").First).ToContainTextAsync("HTTP 503");
            await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "outage");
            await Artifacts.ScreenshotAsync(page, "02-redis-down", output);
        }
        finally
        {
            await appliance.Redis.StartAgainAsync();
        }

        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational", Soon);
        foreach (var key in new[] { "api", "postgres", "redis", "canary" })
            await Expect(Component(page, key)).ToHaveAttributeAsync("data-state", "operational");
        Assert.True(await page.EvaluateAsync<bool>("() => window.aicqNoReload === true"));
        await Artifacts.ScreenshotAsync(page, "03-recovered", output);
    }

    private static ILocator Component(IPage page, string key) => page.Locator($"[data-component={key}]");
}
