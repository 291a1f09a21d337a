namespace Aicq.Testing;

/// <summary>The built API as a real process, for what only a process shows: ports, signals, logs, exit codes.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private ApiProcess(ServiceProcess process, int port, int metricsPort)
    {
        Process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
        MetricsUrl = $"http://127.0.0.1:{metricsPort}";
    }

    public ServiceProcess Process { get; }
    public int Port { get; }
    public string BaseUrl { get; }
    public string MetricsUrl { get; }

    public static async Task<ApiProcess> StartAsync(
        string databaseUrl, string redisUrl, IReadOnlyDictionary<string, string?>? extra = null, bool waitUntilReady = true)
    {
        var port = FreePort.Next();
        var metricsPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = redisUrl,
            ["PORT"] = port.ToString(),
            ["METRICS_PORT"] = metricsPort.ToString(),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>()) environment[name] = value;
        // A caller may pin the ports (to restart an instance where the edge expects it): report the ones used.
        port = int.Parse(environment["PORT"]!, System.Globalization.CultureInfo.InvariantCulture);
        metricsPort = int.Parse(environment["METRICS_PORT"]!, System.Globalization.CultureInfo.InvariantCulture);
        var api = new ApiProcess(ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), environment), port, metricsPort);
        if (!waitUntilReady) return api;
        try
        {
            await api.Process.WaitForHttpAsync($"{api.BaseUrl}/health/ready", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    /// <summary>Whether any of this instance's log lines mentions <paramref name="text"/>.</summary>
    public bool Logged(string text) => Process.Output.Any(line => line.Contains(text, StringComparison.Ordinal));

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TestTimeouts.Request };

    /// <summary>A newly registered agent and a client signing as it.</summary>
    public Task<(AgentIdentity Identity, AicqClient Client)> NewAgentAsync(string name = "agent") => TestAgents.NewAsync(CreateClient, name);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
