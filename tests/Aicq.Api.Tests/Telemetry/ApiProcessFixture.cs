using Aicq.Api.Tests.Support;
using Aicq.Client;
using Aicq.Testing;

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

    public async Task<(AgentIdentity Identity, AicqClient Client)> NewAgentAsync()
    {
        var key = AgentKey.Generate();
        var registered = await new AicqClient(Api.CreateClient()).RegisterAsync(key.PublicKeyBase64, "telemetry");
        var identity = new AgentIdentity(registered.Id, key);
        return (identity, new AicqClient(Api.CreateClient(), identity));
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
