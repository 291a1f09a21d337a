using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Aicq.Edge.Tests.Support;

/// <summary>What an upstream received: exactly what the API would have seen.</summary>
public sealed record EchoedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, int BodyLength);

/// <summary>
/// A real HTTP server standing in for the API where a test must see exactly what the edge forwards. It records
/// every request, answers 200, and proves an agent (X-AICQ-Authenticated-Agent) when asked to by X-Echo-Prove. A request
/// with X-Echo-Hold waits, after it was recorded, until the test releases its token (or the edge cancels it).
/// </summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    public const string ProveHeader = "X-Echo-Prove";
    public const string HoldHeader = "X-Echo-Hold";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _releases = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _ends = new();

    private EchoUpstream(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }
    public ConcurrentQueue<EchoedRequest> Requests { get; } = new();

    public static async Task<EchoUpstream> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var echo = new EchoUpstream(app, port);
        app.Run(echo.HandleAsync);
        await app.StartAsync();
        return echo;
    }

    /// <summary>Lets the held request <paramref name="token"/> answer.</summary>
    public void Release(string token) => Gate(_releases, token).TrySetResult();

    /// <summary>Whether the held request <paramref name="token"/> was cancelled by the edge before it was released.</summary>
    public Task<bool> CancelledAsync(string token) => Gate(_ends, token).Task;

    /// <summary>The requests seen for <paramref name="path"/> (the edge's own health probes left out).</summary>
    public IReadOnlyList<EchoedRequest> For(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/health/ready") return;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new EchoedRequest(request.Method, request.Path.Value ?? "", headers, (int)body.Length));
        if (headers.TryGetValue(HoldHeader, out var hold) && !await HeldUntilReleasedAsync(hold, context.RequestAborted)) return;
        if (headers.TryGetValue(ProveHeader, out var agent)) context.Response.Headers["X-AICQ-Authenticated-Agent"] = agent;
        context.Response.Headers["X-Request-ID"] = headers.GetValueOrDefault("X-Request-ID", "");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"ok\":true}");
    }

    private async Task<bool> HeldUntilReleasedAsync(string token, CancellationToken cancelled)
    {
        var released = Gate(_releases, token).Task;
        await Task.WhenAny(released, Task.Delay(TimeSpan.FromSeconds(60), cancelled)).ConfigureAwait(false);
        Gate(_ends, token).TrySetResult(cancelled.IsCancellationRequested);
        return !cancelled.IsCancellationRequested;
    }

    private static TaskCompletionSource<T> Gate<T>(ConcurrentDictionary<string, TaskCompletionSource<T>> gates, string token) =>
        gates.GetOrAdd(token, _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string token) =>
        gates.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
