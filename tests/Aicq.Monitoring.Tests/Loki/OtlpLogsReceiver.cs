namespace Aicq.Monitoring.Tests.Loki;

/// <summary>One OTLP/HTTP export as it arrived: path, content type, the raw body and its decoded form.</summary>
internal sealed record OtlpExport(string Path, string ContentType, byte[] Body, IReadOnlyList<OtlpResourceLogs> Logs)
{
    public IEnumerable<OtlpLogRecord> Records => Logs.SelectMany(l => l.Records);
}

/// <summary>
/// Stands in for Loki's OTLP endpoint (<c>/otlp/v1/logs</c>) on a loopback port: records every export
/// and answers 200, or, once <see cref="Hang"/> is set, accepts exports and never answers, like a Loki
/// that stopped responding.
/// </summary>
internal sealed class OtlpLogsReceiver : IAsyncDisposable
{
    private readonly List<OtlpExport> _exports = [];
    private LoopbackHttpServer? _server;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("Not started.");

    public bool Hang { get; set; }

    public IReadOnlyList<OtlpExport> Exports
    {
        get { lock (_exports) return _exports.ToArray(); }
    }

    public async Task StartAsync() => _server = await LoopbackHttpServer.StartAsync(ReceiveAsync);

    /// <summary>Stops listening: from now on the port refuses connections, as when Loki is down.</summary>
    public Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Waits until some record satisfies <paramref name="match"/>; returns it.</summary>
    public async Task<OtlpLogRecord> WaitForRecordAsync(Func<OtlpLogRecord, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Exports.SelectMany(e => e.Records).FirstOrDefault(match) is { } record) return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching log record within {timeout.TotalSeconds:0} s ({Exports.Count} exports received).");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var export = new OtlpExport(context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body, OtlpLogs.Decode(body));
        lock (_exports) _exports.Add(export);
        // An empty ExportLogsServiceResponse: full success.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
