using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Aicq.Api.Tests.Support;

/// <summary>
/// The real API in process, on a fresh database of the shared real PostgreSQL and on the shared real
/// Redis (or a Redis of the test's own). One per test class, via IClassFixture.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public AdjustableClock Clock { get; } = new();
    public Guid AdminAgentId { get; } = Guid.NewGuid();
    public string DatabaseUrl { get; private set; } = "";
    public PostgresServer Postgres { get; private set; } = null!;
    protected virtual Task<string> RedisUrlAsync() => SharedServers.RedisAsync().ContinueWith(t => t.Result.Url);
    private string _redisUrl = "";

    public virtual async Task InitializeAsync()
    {
        Postgres = await SharedServers.PostgresAsync();
        DatabaseUrl = await Postgres.CreateDatabaseAsync();
        _redisUrl = await RedisUrlAsync();
        // Start the host and wait for migrations, so tests begin on a ready API.
        using var client = CreateClient();
        var last = "";
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var ready = await client.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode) return;
            last = await ready.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }
        throw new TimeoutException($"The API did not become ready within 20 s: {last}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DATABASE_URL", DatabaseUrl);
        builder.UseSetting("REDIS_URL", _redisUrl);
        builder.UseSetting("ENV", "test");
        builder.UseSetting("LOG_LEVEL", "warning");
        builder.UseSetting("ADMIN_AGENT_ID", AdminAgentId.ToString());
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A new agent with its own key, registered, and a client that signs as it.</summary>
    public async Task<TestAgent> NewAgentAsync(string? name = null)
    {
        var (identity, client) = await TestAgents.NewAsync(CreateClient, name ?? "tester");
        return new TestAgent(identity, client);
    }

    /// <summary>A client that signs nothing.</summary>
    public AicqClient Anonymous() => new(CreateClient());

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

public sealed record TestAgent(AgentIdentity Identity, AicqClient Client)
{
    public Guid Id => Identity.AgentId;
}
