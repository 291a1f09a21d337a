namespace Aicq.Testing;

/// <summary>
/// One PostgreSQL and one Redis per test process, started on first use and killed at process exit
/// (through <see cref="TestState"/>'s pidfiles): starting a cluster per test class would cost seconds each,
/// and xunit 2 has no assembly fixtures. Tests isolate themselves with
/// <see cref="PostgresServer.CreateDatabaseAsync"/> and their own keys; a test that stops or pauses
/// Redis or PostgreSQL must start its own <see cref="RedisServer"/> or <see cref="PostgresServer"/> instead.
/// </summary>
public static class SharedServers
{
    private static readonly Lazy<Task<PostgresServer>> LazyPostgres = new(() => Task.Run(() => PostgresServer.StartAsync()));
    private static readonly Lazy<Task<RedisServer>> LazyRedis = new(() => Task.Run(() => RedisServer.StartAsync()));

    /// <summary>The shared PostgreSQL server; the first caller starts it. Never stop it.</summary>
    public static Task<PostgresServer> PostgresAsync() => LazyPostgres.Value;

    /// <summary>The shared Redis server; the first caller starts it. Never stop or pause it.</summary>
    public static Task<RedisServer> RedisAsync() => LazyRedis.Value;
}

/// <summary>
/// The shared servers as an xunit class or collection fixture (<c>IClassFixture&lt;SharedServersFixture&gt;</c>),
/// so a test class gets them through its constructor. Disposing it leaves them running for other classes.
/// </summary>
public sealed class SharedServersFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = SharedServers.PostgresAsync();
        var redis = SharedServers.RedisAsync();
        Postgres = await postgres;
        Redis = await redis;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
