using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aicq.Testing.Edge;

/// <summary>
/// A stand-in for Fly's proxy in front of edges in several regions: one plain-HTTP port per region (a client "arrives"
/// in the region whose <see cref="Url"/> it uses), forwarding to that region's edge from 127.0.0.1 with
/// <c>Fly-Client-IP</c> (the client's socket address, whatever the client wrote) and <c>X-Forwarded-Proto: https</c>, as Fly's
/// proxy does after terminating TLS. An answer carrying <c>fly-replay: region=X</c> is never shown to the client: the
/// request, body included, is sent again to region X's edge with <c>fly-replay-src</c> naming the region that asked.
/// Like the real proxy it follows every replay it is asked for, up to <see cref="MaxHops"/>, so a loop shows. A
/// <c>fly-replay-src</c> the client wrote itself is passed on untouched: the worst a client can do through Fly.
/// Every answer carries <see cref="HopsHeader"/>: each hop as <c>region:status</c>, joined by <c>&gt;</c>.
/// </summary>
public sealed class FakeFlyProxy : IAsyncDisposable
{
    public const string HopsHeader = "X-Fake-Fly-Hops";
    public const int MaxHops = 4;

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade", "Proxy-Connection", "Fly-Client-IP", "X-Forwarded-Proto",
    };

    private readonly WebApplication _app;
    private readonly Dictionary<int, string> _regionByPort;
    private readonly IReadOnlyDictionary<string, string> _edges;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TestTimeouts.Request };

    private FakeFlyProxy(WebApplication app, Dictionary<int, string> regionByPort, IReadOnlyDictionary<string, string> edges)
    {
        (_app, _regionByPort, _edges) = (app, regionByPort, edges);
    }

    /// <summary>Starts the proxy in front of <paramref name="edges"/>: region code → the plain-HTTP base URL of its edge.</summary>
    public static async Task<FakeFlyProxy> StartAsync(IReadOnlyDictionary<string, string> edges)
    {
        var regionByPort = edges.Keys.ToDictionary(_ => FreePort.Next(), region => region);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in regionByPort.Keys) kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var proxy = new FakeFlyProxy(app, regionByPort, edges);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Where a client arrives in <paramref name="region"/>.</summary>
    public string Url(string region) => $"http://127.0.0.1:{_regionByPort.Single(p => p.Value == region).Key}";

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var region = _regionByPort[context.Connection.LocalPort];
        string? replaySource = null;
        var hops = new List<string>();
        while (true)
        {
            using var request = Copy(context, body.ToArray(), region, replaySource);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
            hops.Add($"{region}:{(int)response.StatusCode}");
            var target = response.Headers.TryGetValues("fly-replay", out var values) ? ReplayRegion(values.Single()) : null;
            if (target is null || hops.Count == MaxHops)
            {
                await AnswerAsync(context, response, hops, loop: target is not null);
                return;
            }
            replaySource = $"instance=fake-{region};region={region};t={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000}";
            region = target;
        }
    }

    private HttpRequestMessage Copy(HttpContext context, byte[] body, string region, string? replaySource)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), _edges[region] + incoming.Path + incoming.QueryString);
        if (body.Length > 0 || incoming.ContentLength is not null) request.Content = new ByteArrayContent(body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        request.Headers.TryAddWithoutValidation("Fly-Client-IP", context.Connection.RemoteIpAddress!.ToString());
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        if (replaySource is not null) request.Headers.TryAddWithoutValidation("fly-replay-src", replaySource);
        return request;
    }

    private static async Task AnswerAsync(HttpContext context, HttpResponseMessage response, List<string> hops, bool loop)
    {
        context.Response.Headers[HopsHeader] = string.Join('>', hops);
        if (loop)
        {
            context.Response.StatusCode = StatusCodes.Status508LoopDetected;
            return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name)) context.Response.Headers[name] = values.ToArray();
        }
        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The first region of <c>region=...</c> (a list may be quoted); null when the header names none.</summary>
    private static string? ReplayRegion(string header)
    {
        var field = header.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(f => f.StartsWith("region=", StringComparison.Ordinal));
        return field?["region=".Length..].Trim('"').Split(',')[0].Trim().ToLower(CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
