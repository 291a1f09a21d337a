using Aicq.Testing;

namespace Aicq.Edge.Tests.Support;

/// <summary>The built API as a real process on loopback, the way the edge finds it in the appliance.</summary>
public sealed class ApiInstance : IAsyncDisposable
{
    private ApiInstance(ServiceProcess process, int port)
    {
        Process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public ServiceProcess Process { get; }
    public string BaseUrl { get; }

    public static async Task<ApiInstance> StartAsync(string databaseUrl, string redisUrl)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = redisUrl,
            ["PORT"] = port.ToString(),
            ["METRICS_PORT"] = FreePort.Next().ToString(),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
            ["LOG_LEVEL"] = "information",
        };
        var api = new ApiInstance(ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), environment), port);
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

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
