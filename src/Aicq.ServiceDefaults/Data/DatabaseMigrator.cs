using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.ServiceDefaults.Data;

/// <summary>
/// Applies a context's migrations in the background at startup, under a PostgreSQL advisory lock so that
/// several instances starting at once take turns. The service stays live while the database is
/// unreachable and retries; <see cref="IsMigrated"/> lets readiness (or a feature) wait for it.
/// </summary>
public sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, MigrationLock migrationLock, ILogger<DatabaseMigrator<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
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
                MigratorLog.Applied(logger, typeof(TContext).Name);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                MigratorLog.Retry(logger, typeof(TContext).Name, e.GetType().Name, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
    }

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({migrationLock.Key})", lockConnection) { CommandTimeout = 0 })
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // A context from a factory is ours to dispose; one from the container belongs to the scope.
            if (scope.ServiceProvider.GetService<IDbContextFactory<TContext>>() is { } factory)
            {
                await using var owned = await factory.CreateDbContextAsync(cancellationToken);
                await MigrateAsync(owned, cancellationToken);
            }
            else
            {
                await MigrateAsync(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({migrationLock.Key})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        return db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The advisory lock key a service's instances share while migrating (distinct per schema, so services never wait on each other).</summary>
public sealed record MigrationLock(long Key);

internal static partial class MigratorLog
{
    [LoggerMessage(EventName = "migrations_applied", Level = LogLevel.Information, Message = "Database migrations of {context} are applied")]
    public static partial void Applied(ILogger logger, string context);

    [LoggerMessage(EventName = "migrations_retry", Level = LogLevel.Warning, Message = "Database not ready for migrations of {context} ({exception_type}); retrying in {delay_seconds} s")]
    public static partial void Retry(ILogger logger, string context, string exception_type, double delay_seconds);
}

public static class DatabaseMigrationExtensions
{
    /// <summary>Migrates <typeparamref name="TContext"/> at startup; the migrator is also a singleton readiness can ask.</summary>
    public static IServiceCollection AddDatabaseMigrations<TContext>(this IServiceCollection services, long lockKey)
        where TContext : DbContext
    {
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<DatabaseMigrator<TContext>>(provider, new MigrationLock(lockKey)));
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseMigrator<TContext>>());
        return services;
    }
}
