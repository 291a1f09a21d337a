namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// What the blackbox probe probes in place of the edge: <c>/health</c> answers 200 while it runs (503 while
/// <see cref="Failing"/>, as the edge does when it cannot reach the API), on one fixed port.
/// </summary>
public sealed class StandInEdge : IAsyncDisposable
{
    private readonly int _port;
    private WebApplication? _app;

    private StandInEdge(int port) => _port = port;

    public string Url => $"http://127.0.0.1:{_port}";

    public bool Failing { get; set; }

    public static async Task<StandInEdge> StartAsync()
    {
        var edge = new StandInEdge(FreePort.Next());
        await edge.StartAgainAsync();
        return edge;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url);
        _app = builder.Build();
        _app.MapGet("/health", () => Failing ? Results.StatusCode(503) : Results.Json(new { status = "Healthy" }));
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
