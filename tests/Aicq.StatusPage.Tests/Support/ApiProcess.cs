using Aicq.Testing;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>The built AICQ API as a real process (as tests/Aicq.Api.Tests starts it), for the status page to watch.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private ApiProcess(ServiceProcess process, int port)
    {
        Process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        Port = port;
    }

    public ServiceProcess Process { get; }
    public string BaseUrl { get; }
    public int Port { get; }

    public static async Task<ApiProcess> StartAsync(string databaseUrl, string redisUrl)
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
        };
        var api = new ApiProcess(ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), environment), port);
        await api.Process.WaitForHttpAsync($"{api.BaseUrl}/health/ready", TimeSpan.FromSeconds(60));
        return api;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
