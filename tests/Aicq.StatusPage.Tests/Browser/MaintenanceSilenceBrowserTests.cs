using Aicq.StatusPage.Tests.Maintenance;
using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>A maintenance window with the real Alertmanager, as a person reads the page during and after it.</summary>
public sealed class MaintenanceSilenceBrowserTests(ITestOutputHelper output)
{
    /// <summary>Long enough that a loaded machine checks "during" well inside it; the test then waits for its end.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AlertDuringWindow_ShowsMaintenanceAndWhatIsSilenced_AfterTheWindow_ItBecomesAnIncident()
    {
        await using var stack = await SilencingStack.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });

        var endsAt = DateTimeOffset.UtcNow + Window;
        var id = await MaintenanceSilenceTests.ScheduleAsync(stack.Page, "Alerting upgrade", "alertmanager", endsAt);
        var alertName = "AlertmanagerFailing" + Guid.NewGuid().ToString("N")[..8];
        await stack.FireAsync(alertName, "alertmanager", "Alertmanager cannot send notifications");
        var state = await Poll.UntilAsync("Alertmanager to suppress the alert", () => stack.AlertStateAsync(alertName));
        Assert.Equal("suppressed", state.State);

        await page.GotoAsync(stack.Page.BaseUrl);
        var notice = page.Locator($".maintenance-notice[data-maintenance=\"{id}\"]");
        await Expect(notice).ToContainTextAsync("Maintenance in progress");
        await Expect(notice.Locator(".maintenance-silence")).ToHaveAttributeAsync("data-silence", "active", new() { Timeout = 20_000 });
        await Expect(notice.Locator(".maintenance-silence")).ToContainTextAsync("Alerts silenced in Alertmanager for the window: component=~\"alertmanager\", alertname!=\"Watchdog\"");
        await Expect(page.Locator("[data-component=alertmanager]")).ToHaveAttributeAsync("data-state", "maintenance", new() { Timeout = 20_000 });
        await Expect(page.Locator(".incident-banner")).ToHaveCountAsync(0);
        Assert.True(DateTimeOffset.UtcNow < endsAt, "the checks above ran inside the window");
        await Artifacts.ScreenshotAsync(page, "10-maintenance-silenced", output);

        // The silence expires with the window; Alertmanager then delivers the still-firing alert on its next group interval.
        var banner = page.Locator(".incident-banner", new() { HasText = "Alertmanager cannot send notifications" });
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = (float)(Window + TimeSpan.FromSeconds(90)).TotalMilliseconds });
        await Expect(notice).ToHaveCountAsync(0);
        await Expect(banner.Locator(".timeline")).ToContainTextAsync($"Opened by the alert {alertName}");
        await Artifacts.ScreenshotAsync(page, "11-after-maintenance-incident", output);
        using var operators = stack.Page.InternalClient();
        var windows = await operators.GetFromJsonAsync<System.Text.Json.JsonElement>("/internal/maintenance");
        Assert.Contains(windows.EnumerateArray(),
            w => w.GetProperty("id").GetInt32() == id && w.GetProperty("silence").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task CancellingTheWindow_LiftsItsSilence_AndTheStillFiringAlertBecomesAnIncident()
    {
        await using var stack = await SilencingStack.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });

        var id = await MaintenanceSilenceTests.ScheduleAsync(stack.Page, "Cache upgrade", "redis", DateTimeOffset.UtcNow.AddHours(2));
        var alertName = "RedisDown" + Guid.NewGuid().ToString("N")[..8];
        await stack.FireAsync(alertName, "redis", "Redis is down");
        Assert.Equal("suppressed", (await Poll.UntilAsync("Alertmanager to suppress the alert", () => stack.AlertStateAsync(alertName))).State);
        await page.GotoAsync(stack.Page.BaseUrl);
        var notice = page.Locator($".maintenance-notice[data-maintenance=\"{id}\"]");
        await Expect(notice.Locator(".maintenance-silence")).ToHaveAttributeAsync("data-silence", "active", new() { Timeout = 20_000 });

        using var operators = stack.Page.InternalClient();
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await operators.DeleteAsync($"/internal/maintenance/{id}")).StatusCode);

        // The open page drops the notice, and the alert the silence held back pages and opens an incident.
        await Expect(notice).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.All(await stack.SilencesOfAsync(id), s => Assert.Equal("expired", s.GetProperty("status").GetProperty("state").GetString()));
        var banner = page.Locator(".incident-banner", new() { HasText = "Redis is down" });
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(banner.Locator(".timeline")).ToContainTextAsync($"Opened by the alert {alertName}");
        await Expect(page.Locator("[data-component=redis]")).Not.ToHaveAttributeAsync("data-state", "maintenance");
        await Artifacts.ScreenshotAsync(page, "15-maintenance-cancelled-incident", output);
    }
}
