namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>A message the fuzzer knows about: where it is and who wrote it.</summary>
public sealed record KnownMessage(Guid Room, string Id, AgentIdentity Author, string? Key);

/// <summary>A room the fuzzer made; private ones with their key.</summary>
public sealed record KnownRoom(Guid Id, string? Key);

/// <summary>
/// What exists on the server for generated requests to refer to: agents with their keys (enough of them that the
/// 32 KiB per minute message budget is rarely what a request meets), public and private rooms, and messages.
/// Successful requests add what they made.
/// </summary>
public sealed class FuzzWorld
{
    public static readonly string[] Words =
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "the", "and", "x"];

    public required OpenApiContract Contract { get; init; }
    public required IReadOnlyList<AgentIdentity> Agents { get; init; }
    public ConcurrentQueue<KnownRoom> Rooms { get; } = new();
    public ConcurrentQueue<KnownMessage> Messages { get; } = new();

    public static async Task<FuzzWorld> CreateAsync(OpenApiContract contract, Func<Task<AgentIdentity>> newAgent, HttpClient api, int agents, int messagesPerRoom)
    {
        var identities = new List<AgentIdentity>();
        for (var i = 0; i < agents; i++) identities.Add(await newAgent());
        var world = new FuzzWorld { Contract = contract, Agents = identities };
        var owner = new AicqClient(api, identities[0]);
        for (var i = 0; i < 4; i++)
        {
            var key = i < 2 ? null : $"fuzz-room-key-{i}-0123456789";
            var room = await owner.CreateRoomAsync($"fuzz-{i}", isPrivate: key is not null, key: key);
            world.Rooms.Enqueue(new KnownRoom(room.Id, key));
        }
        var rooms = world.Rooms.ToArray();
        for (var m = 0; m < messagesPerRoom * rooms.Length; m++)
        {
            var room = rooms[m % rooms.Length];
            var author = identities[m % identities.Count];
            var posted = await new AicqClient(api, author).PostMessageAsync(room.Id, $"seed {Words[m % 12]} {Words[(m + 5) % 12]} {m}", roomKey: room.Key);
            world.Messages.Enqueue(new KnownMessage(room.Id, posted.Id, author, room.Key));
        }
        return world;
    }
}
