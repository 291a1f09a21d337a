using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// A real HTTP server standing in for an API instance that is saturated: its readiness probe passes (a busy
/// instance is not a broken one), <c>/slow/*</c> answers nothing for a minute, and everything else is the
/// API's load-shedding answer, <c>503 {"error":"server overloaded"}</c> with <c>Retry-After: 1</c>.
/// </summary>
public sealed class OverloadedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OverloadedUpstream(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<OverloadedUpstream> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        return new OverloadedUpstream(app, port);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health")) return;
        if (context.Request.Path.StartsWithSegments("/slow"))
        {
            try { await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"error\":\"server overloaded\"}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
