using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// The status page in this process on real Kestrel and its own two free ports, on a fresh database of the shared
/// PostgreSQL, probing stand-ins for the monitoring services (no API, no synthetic agent): the one host whose prober a
/// test can stall and whose clock it can set, so a stall is made, not waited for.
/// </summary>
public sealed class InProcessStatusPage : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The check interval; with the 1 s timeout the freshness limit is its 20 s floor.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly int _port = FreePort.Next();
    private readonly int _internalPort = FreePort.Next();
    private string _databaseUrl = "";

    public SteppedClock Clock { get; } = new();

    /// <summary>What the prober's health probes go through.</summary>
    public StallingHandler Probes { get; } = new();
    public FakeMonitoring Monitoring { get; private set; } = null!;
    public string BaseUrl => $"http://127.0.0.1:{_port}";
    public string InternalUrl => $"http://127.0.0.1:{_internalPort}";
    internal StatusBoard Board => Services.GetRequiredService<StatusBoard>();

    public async Task InitializeAsync()
    {
        Monitoring = await FakeMonitoring.StartAsync();
        _databaseUrl = await (await SharedServers.PostgresAsync()).CreateDatabaseAsync();
        UseKestrel();
        StartServer();
        await Poll.UntilAsync("every monitored component to be checked", () => Task.FromResult(
            Board.Current.Components.Where(c => c.Info.Key is Catalog.Prometheus or Catalog.Alertmanager or Catalog.Grafana)
                .All(c => c.Status.State == ComponentState.Operational) ? true : (bool?)null));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As the built page runs: its own settings, static assets from the build output, not the Development host.
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["ENV"] = "test",
            ["LOG_LEVEL"] = "warning",
            ["STATUS_PORT"] = _port.ToString(),
            ["STATUS_INTERNAL_PORT"] = _internalPort.ToString(),
            ["STATUS_DATABASE_URL"] = _databaseUrl,
            ["STATUS_ADMIN_TOKEN"] = StatusPageProcess.NewToken(),
            ["STATUS_WEBHOOK_TOKEN"] = StatusPageProcess.NewToken(),
            ["STATUS_PROMETHEUS_URL"] = Monitoring.Url,
            ["STATUS_ALERTMANAGER_URL"] = Monitoring.Url,
            ["STATUS_GRAFANA_URL"] = Monitoring.Url,
            ["STATUS_MAINTENANCE_SILENCES"] = "false",
            ["STATUS_CHECK_INTERVAL_SECONDS"] = ((int)Interval.TotalSeconds).ToString(),
            ["STATUS_CHECK_TIMEOUT_SECONDS"] = "1",
        })
            builder.UseSetting(name, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(new HealthProbe(new HttpClient(Probes), TimeSpan.FromSeconds(1)));
        });
    }

    /// <summary>
    /// Stalls the prober on its health probes, which hang past their timeout: when this returns a cycle is stuck, and
    /// no check completes any more.
    /// </summary>
    public async Task StallProberAsync()
    {
        Probes.Stall();
        await Probes.FirstStalled.WaitAsync(TimeSpan.FromSeconds(60));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Probes.Release();
        await DisposeAsync();
        if (Monitoring is not null) await Monitoring.DisposeAsync();
    }
}
