using Aicq.Edge.Tests.Support;
using Aicq.Testing;

namespace Aicq.Ops.Tests.Support;

/// <summary>
/// What an agent sees of <c>./aicq up</c>, on free ports: a real API instance behind a real edge with its own test
/// CA. The edge keeps its limits in a Redis database of its own, so nothing else spends its addresses' budgets.
/// </summary>
public sealed class EdgeAppliance : IAsyncLifetime
{
    public TestCertificate Tls { get; private set; } = null!;
    public ApiProcess Api { get; private set; } = null!;
    public EdgeProcess Edge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tls = TestCertificate.CreateAsync();
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        Api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
        Tls = await tls;
        Edge = await EdgeProcess.StartAsync(Tls, [Api.BaseUrl], redis.Url + "/3");
    }

    public async Task DisposeAsync()
    {
        if (Edge is not null) await Edge.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
    }
}
