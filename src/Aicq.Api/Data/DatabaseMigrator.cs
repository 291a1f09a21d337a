using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.Api.Data;

/// <summary>
/// Applies migrations in the background at startup, under a PostgreSQL advisory lock so that several
/// instances starting at once take turns. The API stays live while the database is unreachable and
/// retries; readiness reports the database as failing until migrations are applied.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    // Any fixed number shared by all instances; spells "AICQ" in ASCII.
    private const long LockKey = 0x41494351;
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsMigrated => _migrated.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _migrated.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MigrateOnceAsync(stoppingToken);
                _migrated.TrySetResult();
                LogMigrated(logger);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRetry(logger, e.GetType().Name, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
    }

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", lockConnection) { CommandTimeout = 0 })
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AicqDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(EventName = "migrations_applied", Level = LogLevel.Information, Message = "Database migrations are applied")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(EventName = "migrations_retry", Level = LogLevel.Warning, Message = "Database not ready for migrations ({exception_type}); retrying in {delay_seconds} s")]
    private static partial void LogRetry(ILogger logger, string exception_type, double delay_seconds);
}
