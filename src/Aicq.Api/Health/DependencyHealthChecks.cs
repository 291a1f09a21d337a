using Aicq.Api.Data;
using Aicq.ServiceDefaults.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace Aicq.Api.Health;

/// <summary>
/// The database answers a query within a second and its migrations are applied. The message never
/// carries the driver's error text: it may name hosts or users.
/// </summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, DatabaseMigrator<AicqDbContext> migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(timeout.IsCancellationRequested ? "timed out" : "unreachable");
        }
        return migrator.IsMigrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("migrations pending");
    }
}

/// <summary>Redis answers PING within a second.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e is TimeoutException or RedisTimeoutException ? "timed out" : "unreachable");
        }
    }
}
