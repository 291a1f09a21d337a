namespace Aicq.Api.Tests.Telemetry;

/// <summary>One real API process with JSON logs, shared by the telemetry tests.</summary>
public sealed class ApiProcessFixture : IAsyncLifetime
{
    public ApiProcess Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        Api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
    }

    public Task<(AgentIdentity Identity, AicqClient Client)> NewAgentAsync() => Api.NewAgentAsync("telemetry");

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
