using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>
/// A stalled prober as a person sees it in Chromium: the page open while the checks stop turns the components it
/// checked "unknown", says why, and shows how old their last check is. The stall is made, not waited for: the
/// test stalls the prober on probes that hang past their timeout, then sets the page's clock past three check intervals.
/// </summary>
public sealed class StalledProberTests(InProcessStatusPage status, ITestOutputHelper output) : IClassFixture<InProcessStatusPage>
{
    private static readonly string[] Probed = [Catalog.Prometheus, Catalog.Alertmanager, Catalog.Grafana];

    /// <summary>Past the freshness limit (three 2 s intervals plus the timeout, raised to the 20 s floor); ages stay under a minute, shown in seconds.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProberStalls_ItsComponentsTurnUnknown_SayingWhyAndHowOldTheirLastCheckIs()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        await page.GotoAsync(status.BaseUrl);
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational", new() { Timeout = 30_000 });
        foreach (var key in Probed) await Expect(Component(page, key).Locator(".freshness")).ToHaveAttributeAsync("data-stale", "false");

        // Every check so far began before this moment, and none completes after it.
        await status.StallProberAsync();
        var now = DateTimeOffset.UtcNow + Stall;
        status.Clock.Set(now);

        // The page is not reloaded: the open page hears of the rebuilt snapshot, as a visitor's would.
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "unknown", new() { Timeout = 30_000 });
        var lastChecks = Probed.ToDictionary(key => key, key => status.Board.Current.Find(key)!.Status.CheckedAt!.Value);
        await Expect(page.Locator(".overall-headline")).ToContainTextAsync("Status unknown");
        await Expect(page.Locator(".overall-reason")).ToContainTextAsync("the checks may be stalled");
        foreach (var (key, checkedAt) in lastChecks)
        {
            var seconds = (int)(now - checkedAt).TotalSeconds;
            Assert.InRange(seconds, (int)Stall.TotalSeconds, 59);
            var component = Component(page, key);
            await Expect(component).ToHaveAttributeAsync("data-state", "unknown");
            await Expect(component.Locator(".reason")).ToHaveTextAsync($"No check for {seconds} s (checked every 2 s); the prober may be stalled");
            await Expect(component.Locator(".freshness")).ToHaveAttributeAsync("data-stale", "true");
            await Expect(component.Locator(".freshness .age")).ToHaveTextAsync($"checked {seconds} s ago");
            await Expect(component.Locator(".freshness time")).ToHaveAttributeAsync("datetime", Aicq.StatusPage.Components.Format.Iso(checkedAt));
        }
        await Artifacts.ScreenshotAsync(page, "14-stalled-prober-unknown", output);

        using var http = new HttpClient { BaseAddress = new Uri(status.BaseUrl) };
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        var grafana = json.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == Catalog.Grafana);
        Assert.True(grafana.GetProperty("stale").GetBoolean());
        Assert.Equal("unknown", grafana.GetProperty("state").GetString());
        Assert.Equal(Math.Round((now - lastChecks[Catalog.Grafana]).TotalSeconds, 1), grafana.GetProperty("checked_age_seconds").GetDouble());
    }

    private static ILocator Component(IPage page, string key) => page.Locator($"[data-component={key}]");
}
