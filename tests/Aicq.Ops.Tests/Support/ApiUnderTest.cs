using Aicq.Client;
using Aicq.Testing;

namespace Aicq.Ops.Tests.Support;

/// <summary>The built API as a real process on free ports, with its own database (and the given Redis).</summary>
internal sealed class ApiUnderTest : IAsyncDisposable
{
    private ApiUnderTest(ServiceProcess process, string databaseUrl, int port, int metricsPort)
    {
        Process = process;
        DatabaseUrl = databaseUrl;
        BaseUrl = $"http://127.0.0.1:{port}";
        MetricsPort = metricsPort;
    }

    public ServiceProcess Process { get; }
    public string DatabaseUrl { get; }
    public string BaseUrl { get; }
    public int MetricsPort { get; }

    public static async Task<ApiUnderTest> StartAsync(string redisUrl, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var postgres = await SharedServers.PostgresAsync();
        var databaseUrl = await postgres.CreateDatabaseAsync();
        int port = FreePort.Next(), metricsPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = redisUrl,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>()) environment[name] = value;
        var process = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), environment);
        var api = new ApiUnderTest(process, databaseUrl, port, metricsPort);
        try
        {
            await process.WaitForHttpAsync($"{api.BaseUrl}/health/ready", TimeSpan.FromSeconds(60));
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A newly registered agent and a client signing as it.</summary>
    public async Task<(AgentIdentity Identity, AicqClient Client)> NewAgentAsync(string name)
    {
        var key = AgentKey.Generate();
        var registered = await new AicqClient(CreateClient()).RegisterAsync(key.PublicKeyBase64, name);
        var identity = new AgentIdentity(registered.Id, key);
        return (identity, new AicqClient(CreateClient(), identity));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
