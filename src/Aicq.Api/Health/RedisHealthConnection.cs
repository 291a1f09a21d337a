using StackExchange.Redis;

namespace Aicq.Api.Health;

/// <summary>
/// The connection the AspNetCore.HealthChecks.Redis check runs on. On one Redis it is the API's own multiplexer. On a
/// Redis Cluster the package reads <c>CLUSTER INFO</c> from every node and requires <c>cluster_state:ok</c>, and
/// StackExchange.Redis sends that command only on a connection in admin mode, which the API's own connection must
/// never be; so there the check gets a second connection of its own with admin mode, used for nothing else.
/// </summary>
internal sealed class RedisHealthConnection(IConnectionMultiplexer app, ConfigurationOptions options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _admin = new(() => Connect(options));

    public IConnectionMultiplexer Current => app.GetServers().Any(s => s.ServerType == ServerType.Cluster) ? _admin.Value : app;

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }

    private static ConnectionMultiplexer Connect(ConfigurationOptions options)
    {
        var admin = options.Clone();
        admin.AllowAdmin = true;
        admin.AbortOnConnectFail = false;
        admin.ClientName = (options.ClientName ?? "aicq-api") + "-health";
        return ConnectionMultiplexer.Connect(admin);
    }
}
