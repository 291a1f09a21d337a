namespace Aicq.Monitoring.Tests.Support;

internal sealed record NotifiedAlert(string Status, IReadOnlyDictionary<string, string> Labels)
{
    public string Name => Labels.GetValueOrDefault("alertname", "");
}

/// <summary>One webhook call from Alertmanager: which URL path (which receiver) and the alerts in it.</summary>
internal sealed record Notification(DateTimeOffset ReceivedAt, string Path, string Receiver, IReadOnlyList<NotifiedAlert> Alerts);

/// <summary>
/// Plays every webhook receiver of the Alertmanager configuration (on-call, heartbeat, status page)
/// on one loopback port, one path each, and records every notification it is sent.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    public const string OnCallPath = "/oncall";
    public const string HeartbeatPath = "/heartbeat";
    public const string StatusPagePath = "/status/internal/alerts";

    private readonly List<Notification> _notifications = [];
    private LoopbackHttpServer? _server;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("Not started.");

    public IReadOnlyList<Notification> Notifications
    {
        get { lock (_notifications) return _notifications.ToArray(); }
    }

    public async Task StartAsync() => _server = await LoopbackHttpServer.StartAsync(ReceiveAsync);

    /// <summary>Every alert that reached <paramref name="path"/> since <paramref name="since"/>, with the time it arrived.</summary>
    public IEnumerable<(DateTimeOffset At, NotifiedAlert Alert)> Alerts(string path, DateTimeOffset since) =>
        Notifications.Where(n => n.Path == path && n.ReceivedAt >= since).SelectMany(n => n.Alerts.Select(a => (n.ReceivedAt, a)));

    /// <summary>Waits until an alert named <paramref name="alertName"/> with <paramref name="status"/> reaches <paramref name="path"/>.</summary>
    public async Task<DateTimeOffset> WaitForAsync(string path, string alertName, string status, DateTimeOffset since, TimeSpan timeout,
        Func<NotifiedAlert, bool>? match = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var hit = Alerts(path, since).FirstOrDefault(x => x.Alert.Name == alertName && x.Alert.Status == status && (match?.Invoke(x.Alert) ?? true));
            if (hit.Alert is not null) return hit.At;
            if (DateTimeOffset.UtcNow > deadline)
            {
                var seen = string.Join(", ", Alerts(path, since).Select(x => $"{x.Alert.Name}:{x.Alert.Status}").Distinct());
                throw new TimeoutException($"No {status} {alertName} at {path} within {timeout.TotalSeconds:0} s; seen there: [{seen}].");
            }
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        var alerts = root.GetProperty("alerts").EnumerateArray().Select(alert => new NotifiedAlert(
            alert.GetProperty("status").GetString()!,
            alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""))).ToArray();
        lock (_notifications)
        {
            _notifications.Add(new Notification(DateTimeOffset.UtcNow, context.Request.Path.Value ?? "",
                root.GetProperty("receiver").GetString() ?? "", alerts));
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
