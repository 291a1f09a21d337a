namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// Stands in for Prometheus, Alertmanager, Grafana and Loki (not all of which run on this machine): their health
/// endpoints on one loopback port, so those components are monitored in the browser tests.
/// </summary>
public sealed class FakeMonitoring : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMonitoring(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
        Port = port;
    }

    public string Url { get; }
    public int Port { get; }

    public static async Task<FakeMonitoring> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/-/healthy", () => Results.Text("Healthy."));
        // Alertmanager's loaded configuration, with an on-call receiver: the page calls Alertmanager degraded without one.
        app.MapGet("/api/v2/status", () => Results.Json(new { config = new { original = "receivers:\n- name: pager\n  webhook_configs:\n  - url: http://127.0.0.1:9/oncall\n" } }));
        app.MapGet("/api/health", () => Results.Json(new { database = "ok", version = "11.0.0" }));
        app.MapGet("/ready", () => Results.Text("ready"));
        await app.StartAsync();
        return new FakeMonitoring(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
