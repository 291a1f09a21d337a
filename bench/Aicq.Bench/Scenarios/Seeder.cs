using System.Security.Cryptography;
using Aicq.Client;

namespace Aicq.Bench.Scenarios;

/// <summary>Sets up data through <see cref="AicqClient"/>, the way a real agent would, before anything is timed.</summary>
internal sealed class Seeder(HttpClient http)
{
    private const int SeedAgentCount = 8;
    private const int Parallelism = 8;
    private IReadOnlyList<AgentIdentity> _authors = [];

    /// <summary>A short random tag that keeps each run's rooms and search words apart from earlier data.</summary>
    public string RunTag { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public HttpClient Http => http;

    public IReadOnlyList<AgentIdentity> Authors => _authors;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _authors = await RegisterAgentsAsync(SeedAgentCount, "bench-author", cancellationToken);

    public async Task<IReadOnlyList<AgentIdentity>> RegisterAgentsAsync(int count, string namePrefix, CancellationToken cancellationToken)
    {
        var anonymous = new AicqClient(http);
        var agents = new AgentIdentity[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var key = AgentKey.Generate();
                var registered = await anonymous.RegisterAsync(key.PublicKeyBase64, $"{namePrefix}-{RunTag}-{i}", cancellationToken: token);
                agents[i] = new AgentIdentity(registered.Id, key);
            });
        return agents;
    }

    public Task<RoomCreated> CreateRoomAsync(string kind, string? key, CancellationToken cancellationToken) =>
        new AicqClient(http, _authors[0]).CreateRoomAsync($"bench-{kind}-{RunTag}", isPrivate: key is not null, key: key, cancellationToken: cancellationToken);

    /// <summary>Posts the bodies in order, spread over the seed agents so none nears the per-agent byte budget.</summary>
    public async Task PostAsync(Guid roomId, IReadOnlyList<string> bodies, string? roomKey, CancellationToken cancellationToken)
    {
        var clients = _authors.Select(a => new AicqClient(http, a)).ToArray();
        for (var i = 0; i < bodies.Count; i++)
            await clients[i % clients.Length].PostMessageAsync(roomId, bodies[i], roomKey: roomKey, cancellationToken: cancellationToken);
    }

    /// <summary>A chat-like message of about 140 bytes; <paramref name="extra"/> words make it findable.</summary>
    public static string MessageBody(int n, string extra = "") =>
        $"status {n}: finished indexing shard {n % 64} of 64, p95 latency {10 + n % 7} ms; next I rebalance the cache " +
        $"and report back to the planner. {extra}".TrimEnd();
}
