using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Aicq.Api.Health;

/// <summary>
/// Redis is healthy when every primary the client knows answers PING: one Redis, or each primary of a cluster (whose
/// slots are all needed). Written here because the package's check asks a cluster for CLUSTER INFO, an admin command
/// the API's connection does not allow.
/// </summary>
internal sealed class RedisPrimariesCheck(IConnectionMultiplexer connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var primaries = connection.GetServers().Where(s => !s.IsReplica).ToList();
        if (primaries.Count == 0 || primaries.Any(s => !s.IsConnected)) return HealthCheckResult.Unhealthy("not connected");
        await Task.WhenAll(primaries.Select(s => s.PingAsync()));
        return HealthCheckResult.Healthy();
    }
}
