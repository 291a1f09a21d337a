using System.Security.Cryptography;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// The built status page as a real process on two free ports: public on 127.0.0.1, internal on
/// STATUS_INTERNAL_BIND_ADDRESS when the settings name one (else 127.0.0.1).
/// </summary>
public sealed class StatusPageProcess : IAsyncDisposable
{
    private StatusPageProcess(ServiceProcess process, int port, int internalPort, string internalHost, string adminToken, string webhookToken)
    {
        WebhookToken = webhookToken;
        Process = process;
        Port = port;
        InternalPort = internalPort;
        BaseUrl = $"http://127.0.0.1:{port}";
        InternalUrl = $"http://{internalHost}:{internalPort}";
        AdminToken = adminToken;
    }

    public ServiceProcess Process { get; }
    public int Port { get; }
    public int InternalPort { get; }
    public string BaseUrl { get; }
    public string InternalUrl { get; }
    public string AdminToken { get; }

    /// <summary>What Alertmanager presents (STATUS_WEBHOOK_TOKEN); a fresh one per page unless the settings name one.</summary>
    public string WebhookToken { get; }

    /// <summary>Starts the page; with <paramref name="ports"/> it reuses the ports of an earlier run (a restart).</summary>
    public static async Task<StatusPageProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, (int Port, int Internal)? ports = null)
    {
        var (port, internalPort) = ports ?? (FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string?>
        {
            ["STATUS_PORT"] = port.ToString(),
            ["STATUS_INTERNAL_PORT"] = internalPort.ToString(),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
            ["STATUS_WEBHOOK_TOKEN"] = NewToken(),
        };
        foreach (var (name, value) in settings) environment[name] = value;
        var page = new StatusPageProcess(ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.StatusPage"), environment),
            port, internalPort, settings.GetValueOrDefault("STATUS_INTERNAL_BIND_ADDRESS") ?? "127.0.0.1",
            settings.GetValueOrDefault("STATUS_ADMIN_TOKEN") ?? "", environment["STATUS_WEBHOOK_TOKEN"] ?? "");
        await page.Process.WaitForHttpAsync($"{page.InternalUrl}/health/ready", TimeSpan.FromSeconds(60));
        return page;
    }

    public HttpClient PublicClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TestTimeouts.Request };

    public HttpClient InternalClient(bool authorized = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(InternalUrl), Timeout = TestTimeouts.Request };
        if (authorized) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>An internal-port client that presents the webhook token, as Alertmanager does.</summary>
    public HttpClient WebhookClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(InternalUrl), Timeout = TestTimeouts.Request };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebhookToken);
        return client;
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
