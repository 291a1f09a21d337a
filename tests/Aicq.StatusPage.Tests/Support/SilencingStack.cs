namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// The real Alertmanager delivering to a status page that silences maintenance windows in it: the page's ports are
/// chosen first so Alertmanager's webhook can name them, and the page can be restarted on them.
/// </summary>
public sealed class SilencingStack : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly (int Port, int Internal) _ports;

    private SilencingStack(RealAlertmanager alertmanager, Dictionary<string, string?> settings, (int, int) ports)
    {
        Alertmanager = alertmanager;
        _settings = settings;
        _ports = ports;
    }

    public RealAlertmanager Alertmanager { get; }
    public StatusPageProcess Page { get; private set; } = null!;

    public static async Task<SilencingStack> StartAsync()
    {
        var postgres = await SharedServers.PostgresAsync();
        var token = StatusPageProcess.NewToken();
        var tokenFile = Path.Combine(TestState.NewDirectory("webhook-token"), "status_webhook_token");
        await File.WriteAllTextAsync(tokenFile, token);
        var settings = new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = await postgres.CreateDatabaseAsync(),
            ["STATUS_ADMIN_TOKEN"] = StatusPageProcess.NewToken(),
            ["STATUS_WEBHOOK_TOKEN"] = token,
            ["STATUS_CHECK_INTERVAL_SECONDS"] = "2",
            ["STATUS_CHECK_TIMEOUT_SECONDS"] = "1",
            ["STATUS_MAINTENANCE_SILENCES"] = "true",
        };
        var ports = (FreePort.Next(), FreePort.Next());
        var alertmanager = await RealAlertmanager.StartAsync($"http://127.0.0.1:{ports.Item2}", tokenFile);
        settings["STATUS_ALERTMANAGER_URL"] = alertmanager.Url;
        var stack = new SilencingStack(alertmanager, settings, ports);
        try
        {
            await stack.StartPageAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the page and starts it again on the same ports and database.</summary>
    public async Task RestartPageAsync()
    {
        await Page.DisposeAsync();
        await StartPageAsync();
    }

    private async Task StartPageAsync()
    {
        Page = await StatusPageProcess.StartAsync(_settings, _ports);
        await Poll.UntilAsync("the status page's database to be migrated", async () =>
        {
            using var http = Page.InternalClient();
            using var response = await http.GetAsync("/internal/incidents");
            return response.IsSuccessStatusCode ? true : (bool?)null;
        });
    }

    /// <summary>Fires an alert in Alertmanager as Prometheus would.</summary>
    public async Task FireAsync(string alertName, string component, string summary)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var posted = await http.PostAsJsonAsync($"{Alertmanager.Url}/api/v2/alerts", new[]
        {
            new
            {
                labels = new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "critical", ["component"] = component },
                annotations = new Dictionary<string, string> { ["summary"] = summary },
                generatorURL = "http://prometheus.test:9090/graph?g0.expr=up",
            },
        });
        posted.EnsureSuccessStatusCode();
    }

    /// <summary>Alertmanager's view of the alert: "active" or "suppressed", with the silences that suppress it.</summary>
    public async Task<(string State, IReadOnlyList<string> SilencedBy)?> AlertStateAsync(string alertName)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var alerts = await http.GetFromJsonAsync<JsonElement>($"{Alertmanager.Url}/api/v2/alerts?filter=alertname%3D%22{alertName}%22");
        return alerts.EnumerateArray().Select(a => a.GetProperty("status")).Select(s => ((string, IReadOnlyList<string>)?)(
            s.GetProperty("state").GetString()!, s.GetProperty("silencedBy").EnumerateArray().Select(id => id.GetString()!).ToList())).FirstOrDefault();
    }

    /// <summary>The silences in Alertmanager that the page made for window <paramref name="windowId"/>, expired ones too.</summary>
    public async Task<IReadOnlyList<JsonElement>> SilencesOfAsync(int windowId)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var silences = await http.GetFromJsonAsync<JsonElement>($"{Alertmanager.Url}/api/v2/silences");
        return silences.EnumerateArray().Where(s => s.GetProperty("createdBy").GetString() == $"aicq-status maintenance #{windowId}").ToList();
    }

    /// <summary>The page's incidents for <paramref name="alertName"/> (operator view).</summary>
    public async Task<IReadOnlyList<JsonElement>> IncidentsOfAsync(string alertName)
    {
        using var operators = Page.InternalClient();
        var incidents = await operators.GetFromJsonAsync<JsonElement>("/internal/incidents");
        return incidents.EnumerateArray().Where(i => i.GetProperty("alert_name").GetString() == alertName).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (Page is not null) await Page.DisposeAsync();
        await Alertmanager.DisposeAsync();
    }
}
