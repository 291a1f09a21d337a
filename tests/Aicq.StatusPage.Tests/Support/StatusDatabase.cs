using Aicq.ServiceDefaults.Data;
using Aicq.StatusPage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>A fresh database on the shared PostgreSQL with the status schema migrated, for store tests.</summary>
public sealed class StatusDatabase : IAsyncDisposable
{
    private StatusDatabase(ServiceProvider services)
    {
        Services = services;
    }

    public ServiceProvider Services { get; }
    internal IDbContextFactory<StatusDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<StatusDbContext>>();
    internal NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();
    internal DatabaseMigrator<StatusDbContext> Migrator => Services.GetRequiredService<DatabaseMigrator<StatusDbContext>>();

    public static async Task<StatusDatabase> CreateAsync()
    {
        var postgres = await SharedServers.PostgresAsync();
        var (connectionString, error) = PostgresUrl.Parse(await postgres.CreateDatabaseAsync(), "aicq-status-tests");
        Assert.Null(error);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(NpgsqlDataSource.Create(connectionString!))
            .AddPooledDbContextFactory<StatusDbContext>((provider, options) => options.UseStatusNpgsql(provider.GetRequiredService<NpgsqlDataSource>()))
            .AddDatabaseMigrations<StatusDbContext>(StatusDbContext.MigrationLockKey)
            .BuildServiceProvider();
        var database = new StatusDatabase(services);
        await database.Migrator.StartAsync(CancellationToken.None);
        await database.Migrator.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Migrator.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}
