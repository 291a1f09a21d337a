using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Aicq.StatusPage.Tests.Browser;

/// <summary>
/// Honest freshness as a person sees it in Chromium: every component says how long ago it was checked, and the
/// check-age metric is exported; days whose hours are gone read from their daily rollups.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed partial class FreshnessTests(ApplianceFixture appliance, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 30_000 };


    [GeneratedRegex(@"^checked \d+ s ago$")]
    private static partial Regex SecondsAgo();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d UTC$")]
    private static partial Regex ClockTime();

    [Fact]
    public async Task EveryComponent_ShowsTheAgeAndTimeOfItsLastCheck()
    {
        var page = await appliance.OpenAsync();
        await Expect(page.Locator("[data-overall]")).ToHaveAttributeAsync("data-overall", "operational", Soon);
        foreach (var key in new[] { "api", "postgres", "redis", "canary", "prometheus", "alertmanager", "grafana" })
        {
            var freshness = page.Locator($"[data-component={key}] .freshness");
            await Expect(freshness).ToHaveAttributeAsync("data-stale", "false");
            await Expect(freshness.Locator(".age")).ToHaveTextAsync(SecondsAgo());
            await Expect(freshness.Locator("time")).ToHaveTextAsync(ClockTime());
        }
        await Artifacts.ScreenshotAsync(page, "11-fresh-checks", output);

        using var http = appliance.Status.PublicClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        var api = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "api");
        Assert.False(api.GetProperty("stale").GetBoolean());
        Assert.InRange(api.GetProperty("checked_age_seconds").GetDouble(), 0, 20);
        using var metrics = appliance.Status.InternalClient(authorized: false);
        Assert.Matches("aicq_status_check_age_seconds\\{component=\"api\"\\} ", await metrics.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task DaysWhoseHoursAreGone_ReadFromTheirDailyRollups()
    {
        // What the roll-up job leaves of Grafana's last 90 days once their hours are swept: one row per day, an outage 5 days ago.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = Enumerable.Range(2, 88).Select(n => today.AddDays(-n)).ToArray();
        await using (var connection = await appliance.OpenDatabaseAsync())
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO status.daily_rollups (component, day, checks, up_seconds, down_seconds, maintenance_seconds, latency_sum_ms, latency_count, latency_max_ms)
            SELECT 'grafana', d, 2880, CASE WHEN d = $2 THEN 43200 ELSE 86400 END, CASE WHEN d = $2 THEN 43200 ELSE 0 END, 0, 0, 0, NULL
            FROM unnest($1::date[]) AS d
            ON CONFLICT DO NOTHING
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = days });
            insert.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(-5) });
            await insert.ExecuteNonQueryAsync();
        }

        var page = await appliance.OpenAsync();
        var grafana = page.Locator("[data-component=grafana]");
        await Expect(grafana.Locator("[data-window='90d']")).ToHaveAttributeAsync("data-uptime", "measured", Soon);
        await Expect(grafana.Locator(".strip-summary")).ToContainTextAsync("1 with an outage");
        await Expect(grafana.Locator("[data-window='90d'] dd")).ToHaveTextAsync(new Regex(@"^99\.\d\d %"));
        await Artifacts.ScreenshotAsync(page, "13-history-from-daily-rollups", output);
    }

}
