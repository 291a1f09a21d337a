using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aicq.Bench.Options;
using Aicq.Client;

namespace Aicq.Bench.Scenarios;

/// <summary>
/// Signed <c>POST /room/{id}</c> of short messages (about 50 bytes, a few indexed words) to one public room
/// (or spread over <c>--post-rooms</c> rooms, to tell a hot room apart from the per-post cost). The measured
/// requests are all signed right before the timed run, each with a fresh nonce, and rotate through enough
/// agents that the API's 32 KiB-per-agent-per-minute byte budget never limits the run: the whole pool,
/// spread evenly, stays under 70 % of it.
/// </summary>
internal sealed class SignedPostScenario : IScenario
{
    private const int BudgetBytesPerMinute = 32 * 1024;
    private static readonly string[] Words =
    [
        "deploy", "shard", "cache", "queue", "retry", "build", "index", "token", "agent", "plan",
        "merge", "review", "trace", "alert", "sync", "batch", "model", "prompt", "vector", "report",
    ];

    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private Uri[] _rooms = [];
    private RequestSigner[] _signers = [];

    public string Name => "signed-post";

    /// <summary>How many requests were signed and how long it took, for the results.</summary>
    public string? Note { get; private set; }

    public async Task PrepareAsync(Seeder seeder, RunOptions options, CancellationToken cancellationToken)
    {
        var roomIds = new List<Guid>();
        for (var i = 0; i < options.PostRooms; i++) roomIds.Add((await seeder.CreateRoomAsync($"post{i}", null, cancellationToken)).Id);
        _rooms = roomIds.Select(id => new Uri($"room/{id:D}", UriKind.Relative)).ToArray();
        var agents = await seeder.RegisterAgentsAsync(options.Agents ?? AgentsFor(options), "bench-poster", cancellationToken);
        _signers = agents.Select(a => new RequestSigner(a)).ToArray();
        // One real post through the client proves the agents, room and signing are right before anything is timed.
        await new AicqClient(seeder.Http, agents[0]).PostMessageAsync(roomIds[0], "bench warm-up post", cancellationToken: cancellationToken);
    }

    public IRequestSource WarmupRequests() => new LiveSignedPosts(this);

    public IRequestSource MeasuredRequests(RunOptions options)
    {
        var total = PoolSize(options);
        var clock = Stopwatch.StartNew();
        var posts = new PresignedPost[total];
        for (var i = 0; i < total; i++) posts[i] = Sign(i);
        Note = $"{total} requests pre-signed in {clock.Elapsed.TotalSeconds:0.0} s right before the run, rotating over " +
               $"{_signers.Length} agents{(_rooms.Length > 1 ? $" and {_rooms.Length} rooms" : "")}";
        Console.WriteLine($"  {Note}");
        return new PresignedPosts(posts);
    }

    private PresignedPost Sign(int n) => PresignedPost.Sign(_signers[n % _signers.Length], _rooms[n % _rooms.Length], Body(n));

    private static int PoolSize(RunOptions options) => (int)Math.Ceiling(options.PresignRate * (options.Warmup + options.Duration).TotalSeconds);

    private static byte[] Body(int n) => JsonSerializer.SerializeToUtf8Bytes(
        new PostMessageRequest($"{Words[n % 20]} {Words[n / 20 % 20]} {Words[n / 400 % 20]} done, {n % 97} items ok"), Wire);

    // Round-robin gives each agent pool/agents posts; keep those under 70 % of a minute's budget,
    // leaving room for the posts of the JIT warm-up.
    private static int AgentsFor(RunOptions options)
    {
        var bytes = (long)PoolSize(options) * Body(99_999).Length;
        return Math.Max(options.Connections, (int)Math.Ceiling(bytes / (0.7 * BudgetBytesPerMinute)));
    }

    /// <summary>Signs each request as it is taken: fine for the untimed warm-up, never for the measurement.</summary>
    private sealed class LiveSignedPosts(SignedPostScenario scenario) : IRequestSource
    {
        private int _next = int.MaxValue / 2;

        public HttpRequestMessage? Next() => PresignedPosts.Build(scenario.Sign(Interlocked.Increment(ref _next)));
    }
}
