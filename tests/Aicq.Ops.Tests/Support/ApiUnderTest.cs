namespace Aicq.Ops.Tests.Support;

/// <summary>The built API as a real process (<see cref="ApiProcess"/>) with a database of its own, and the given Redis.</summary>
internal sealed class ApiUnderTest : IAsyncDisposable
{
    private ApiUnderTest(ApiProcess api, string databaseUrl)
    {
        Api = api;
        DatabaseUrl = databaseUrl;
    }

    public ApiProcess Api { get; }
    public ServiceProcess Process => Api.Process;
    public string DatabaseUrl { get; }
    public string BaseUrl => Api.BaseUrl;
    public int MetricsPort => new Uri(Api.MetricsUrl).Port;

    public static async Task<ApiUnderTest> StartAsync(string redisUrl, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var databaseUrl = await (await SharedServers.PostgresAsync()).CreateDatabaseAsync();
        return new ApiUnderTest(await ApiProcess.StartAsync(databaseUrl, redisUrl, extra), databaseUrl);
    }

    public HttpClient CreateClient() => Api.CreateClient();

    /// <inheritdoc cref="ApiProcess.NewAgentAsync"/>
    public Task<(AgentIdentity Identity, AicqClient Client)> NewAgentAsync(string name) => Api.NewAgentAsync(name);

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
