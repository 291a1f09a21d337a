using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>
/// Honest uptime as a person sees it in Chromium: windows without enough data say "collecting", time nothing checked
/// is "unknown", and an outage seen next to a gap in the checks (the status page restarted) is an incident.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed partial class UptimeTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 20_000 };

    [GeneratedRegex(@"^\d+\.\d\d % \(\d+ % unknown\)$")]
    private static partial Regex MeasuredWithUnknown();

    [GeneratedRegex(@"^collecting: (under 1 min|(\d+ h )?\d+ min) of data$")]
    private static partial Regex Collecting();

    [Fact]
    public async Task HoursNothingChecked_AreUnknown_WindowsWithTooLittleData_SayCollecting()
    {
        // An earlier run's history: the API checked throughout 19 of the last 24 hours, nothing in the other five.
        var now = DateTimeOffset.UtcNow;
        var hour = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerHour));
        var checkedHours = Enumerable.Range(3, 21).Where(h => h is not (11 or 12)).Select(h => hour.AddHours(-h)).ToArray();
        await ExecuteAsync("""
            INSERT INTO status.hourly_rollups (component, hour, total, operational, degraded, outage, maintenance, latency_sum_ms, latency_count, latency_max_ms)
            SELECT 'api', h, $2, $2, 0, 0, 0, 0, 0, NULL FROM unnest($1::timestamptz[]) AS h
            ON CONFLICT DO NOTHING
            """, checkedHours, (int)(TimeSpan.FromHours(1) / ApplianceFixture.Interval));

        var page = await appliance.OpenAsync();
        var api = page.Locator("[data-component=api]");
        await Expect(api.Locator("[data-window='24h'] dd")).ToHaveTextAsync(MeasuredWithUnknown(), Soon);
        await Expect(api.Locator("[data-window='24h']")).ToHaveAttributeAsync("data-uptime", "measured");
        foreach (var window in new[] { "7d", "30d", "90d" })
            await Expect(api.Locator($"[data-window='{window}'] dd")).ToHaveTextAsync(Collecting());
        // A component with only this run's few minutes of checks is collecting in every window.
        await Expect(page.Locator("[data-component=redis] [data-window='24h'] dd")).ToHaveTextAsync(Collecting());
        await Expect(page.Locator(".strip-legend")).ToContainTextAsync("unknown (not checked)");
        await Artifacts.ScreenshotAsync(page, "09-uptime-collecting-and-unknown", output);

        using var status = JsonDocument.Parse(await appliance.Status.PublicClient().GetStringAsync("/api/status"));
        var json = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "api");
        var day = json.GetProperty("uptime_windows").GetProperty("24h");
        Assert.Equal("measured", day.GetProperty("state").GetString());
        Assert.InRange(day.GetProperty("unknown_percent").GetDouble(), 10, 25);
        Assert.Matches(MeasuredWithUnknown(), day.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("uptime").GetProperty("7d").ValueKind);
        Assert.Equal("collecting", json.GetProperty("uptime_windows").GetProperty("7d").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OutageSeenBeforeTheStatusPageStopped_BecomesAnIncidentForTheGap_WhenItIsBack()
    {
        await appliance.Redis.StopAsync();
        var restarted = false;
        try
        {
            // The synthetic agent fails every step without Redis; wait until that is what the history holds last.
            await WaitForAsync(async () => await LastCanaryStateAsync() == 2, "the canary's outage to be recorded");
            var stopped = Stopwatch.StartNew();
            await appliance.RestartStatusPageAsync(whileDown: async () =>
            {
                await appliance.Redis.StartAgainAsync();
                restarted = true;
                await WaitForAsync(ApiHealthyAsync, "the API to be healthy again");
                // Longer than three check intervals unchecked: a gap.
                var gap = 4 * ApplianceFixture.Interval - stopped.Elapsed;
                if (gap > TimeSpan.Zero) await Task.Delay(gap);
            });
        }
        finally
        {
            if (!restarted) await appliance.Redis.StartAgainAsync();
        }

        var page = await appliance.OpenAsync();
        var incident = page.Locator(".past-incident", new() { HasText = "Synthetic agent outage around a gap in the status page's checks" });
        await Expect(incident).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(incident).ToContainTextAsync("Synthetic agent was in outage at the last check before the status page stopped checking");
        await Expect(incident).ToContainTextAsync("when it recovered in between is unknown");
        await Expect(page.Locator("[data-component=canary]")).ToHaveAttributeAsync("data-state", "operational", new() { Timeout = 20_000 });
        await Artifacts.ScreenshotAsync(page, "10-gap-incident", output);
    }

    private async Task<bool> ApiHealthyAsync()
    {
        using var http = appliance.Api.CreateClient();
        var response = await http.GetAsync("/health");
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"healthy\"");
    }

    private async Task<int?> LastCanaryStateAsync()
    {
        await using var connection = await appliance.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT state FROM status.check_results WHERE component = 'canary' ORDER BY checked_at DESC LIMIT 1", connection);
        return await command.ExecuteScalarAsync() is short state ? state : null;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await appliance.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync();
    }


    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 30 s for {what}");
            await Task.Delay(250);
        }
    }
}
