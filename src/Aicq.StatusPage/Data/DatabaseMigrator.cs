using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.Data;

/// <summary>
/// Applies migrations in the background at startup under a PostgreSQL advisory lock (the API's pattern), so
/// several instances take turns. The page serves live state while the database is unreachable and retries;
/// history and incidents appear once migrations are applied.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<StatusDbContext> contexts, NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    // Any fixed number shared by all instances; "AICS" in ASCII, apart from the API's "AICQ" so neither waits for the other.
    private const long LockKey = 0x41494353;
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
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(EventName = "migrations_applied", Level = LogLevel.Information, Message = "Status database migrations are applied")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(EventName = "migrations_retry", Level = LogLevel.Warning, Message = "Status database not ready for migrations ({exception_type}); retrying in {delay_seconds} s")]
    private static partial void LogRetry(ILogger logger, string exception_type, double delay_seconds);
}
