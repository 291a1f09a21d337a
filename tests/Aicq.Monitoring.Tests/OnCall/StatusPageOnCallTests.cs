namespace Aicq.Monitoring.Tests.OnCall;

/// <summary>
/// The built status page watching a real Alertmanager: its Alertmanager component reads the configuration
/// Alertmanager loaded, so it follows a reload that adds the on-call receiver, as a later <c>./aicq up</c> does.
/// </summary>
public sealed class StatusPageOnCallTests
{
    /// <summary>The page's check interval here; every wait allows ten of them.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AlertmanagerComponent_IsDegradedWithoutAnOnCallReceiver_AndOperationalOnceOneIsConfigured()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var receiver = new AlertReceiver();
        await receiver.StartAsync();
        await using var alertmanager = await OnCallAlertmanager.StartAsync(onCallUrl: null);
        int port = FreePort.Next(), internalPort = FreePort.Next();
        await using var page = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.StatusPage"), new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = database,
            ["STATUS_PORT"] = port.ToString(),
            ["STATUS_INTERNAL_PORT"] = internalPort.ToString(),
            ["STATUS_ALERTMANAGER_URL"] = alertmanager.Url,
            ["STATUS_WEBHOOK_TOKEN"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)),
            ["STATUS_CHECK_INTERVAL_SECONDS"] = ((int)Interval.TotalSeconds).ToString(),
            ["STATUS_CHECK_TIMEOUT_SECONDS"] = "1",
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
        });
        await page.WaitForHttpAsync($"http://127.0.0.1:{internalPort}/health/ready", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TestTimeouts.Request };

        var without = await WaitForAlertmanagerAsync(http, "degraded");
        Assert.Equal("no on-call receiver configured", without.Reason);

        await alertmanager.ReloadAsync(receiver.BaseUrl + AlertReceiver.OnCallPath);
        var with = await WaitForAlertmanagerAsync(http, "operational");
        Assert.Null(with.Reason);
    }

    private static async Task<(string State, string? Reason)> WaitForAlertmanagerAsync(HttpClient http, string state)
    {
        var timeout = Interval * 10;
        var deadline = DateTime.UtcNow + timeout;
        var last = ("none", (string?)null);
        while (DateTime.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
            var component = status.RootElement.GetProperty("components").EnumerateArray()
                .Single(c => c.GetProperty("key").GetString() == "alertmanager");
            last = (component.GetProperty("state").GetString()!, component.GetProperty("reason").GetString());
            if (last.Item1 == state) return last;
            await Task.Delay(Interval / 4);
        }
        throw new TimeoutException($"Alertmanager was not {state} on the status page within {timeout.TotalSeconds:0} s; last: {last}");
    }
}
