namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// One built status page of its own per test class, on the shared PostgreSQL, watching only a stand-in Alertmanager
/// (so the alert-delivery heartbeat shows): light enough for the HTTP-level tests, fresh enough that one class's
/// deliveries never meet another's.
/// </summary>
public sealed class PageFixture : IAsyncLifetime
{
    public FakeMonitoring Monitoring { get; private set; } = null!;
    public StatusPageProcess Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = await SharedServers.PostgresAsync();
        Monitoring = await FakeMonitoring.StartAsync();
        Page = await StatusPageProcess.StartAsync(new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = await postgres.CreateDatabaseAsync(),
            ["STATUS_ADMIN_TOKEN"] = StatusPageProcess.NewToken(),
            ["STATUS_ALERTMANAGER_URL"] = Monitoring.Url,
            // A stand-in that answers health and status only; SilencingStack has the real Alertmanager for silences.
            ["STATUS_MAINTENANCE_SILENCES"] = "false",
            ["STATUS_CHECK_INTERVAL_SECONDS"] = "5",
            ["STATUS_CHECK_TIMEOUT_SECONDS"] = "1",
        });
        await WaitUntilMigratedAsync();
    }

    /// <summary>Ready means serving; the webhook and operator API answer 503 until the schema is migrated too.</summary>
    private async Task WaitUntilMigratedAsync()
    {
        using var http = Page.InternalClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync("/internal/incidents");
                if (response.IsSuccessStatusCode) return;
            }
            catch (TaskCanceledException)
            {
                // A first request on a loaded machine (EF's model, the first query) can outlast one client timeout.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the status page's database was not migrated within 60 s");
    }

    public async Task DisposeAsync()
    {
        if (Page is not null) await Page.DisposeAsync();
        if (Monitoring is not null) await Monitoring.DisposeAsync();
    }
}
