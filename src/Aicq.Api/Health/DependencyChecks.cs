using Aicq.Api.Data;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Data;
using HealthChecks.NpgSql;
using HealthChecks.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace Aicq.Api.Health;

/// <summary>
/// The postgres and redis checks of <c>/health</c> and <c>/health/ready</c>: the AspNetCore.HealthChecks.NpgSql and
/// .Redis checks on the app's own <see cref="NpgsqlDataSource"/> and <see cref="IConnectionMultiplexer"/> (on a Redis
/// Cluster, see <see cref="RedisHealthConnection"/>), each under <see cref="Deadline"/> and with its failure text made
/// public-safe.
/// </summary>
internal static class DependencyChecks
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);
    public const string MigrationsPending = "migrations pending";

    public static IHealthChecksBuilder AddDependencyChecks(this IHealthChecksBuilder builder) => builder
        .Add(Registration("postgres", provider => new NpgSqlHealthCheck(
            new NpgSqlHealthCheckOptions(provider.GetRequiredService<NpgsqlDataSource>())
            {
                CommandText = "SELECT 1",
                // The database answered; it is ready only once this instance's migrations are applied.
                HealthCheckResultBuilder = _ => provider.GetRequiredService<DatabaseMigrator<AicqDbContext>>().IsMigrated
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy(MigrationsPending),
            })))
        .Add(Registration("redis", provider => new RedisHealthCheck(provider.GetRequiredService<RedisHealthConnection>().Current)));

    private static HealthCheckRegistration Registration(string name, Func<IServiceProvider, IHealthCheck> check) =>
        new(name, provider => new PublicSafeCheck(check(provider), Deadline, [MigrationsPending]),
            failureStatus: HealthStatus.Unhealthy, tags: [ServiceDefaultsExtensions.ReadyTag]);
}
