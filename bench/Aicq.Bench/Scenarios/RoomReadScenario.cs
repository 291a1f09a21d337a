using System.Security.Cryptography;
using Aicq.Bench.Options;
using Aicq.Client;

namespace Aicq.Bench.Scenarios;

/// <summary>
/// <c>GET /room/{id}</c> of a room holding 50 messages (the default page). The private variant sends
/// <c>X-AICQ-Room-Key</c>, so it measures what a private read adds: the remembered-key check.
/// </summary>
internal sealed class RoomReadScenario(bool isPrivate) : IScenario
{
    public const int Messages = 50;

    private GetRequests? _requests;

    public string Name => isPrivate ? "private-get" : "public-get";

    public async Task PrepareAsync(Seeder seeder, RunOptions options, CancellationToken cancellationToken)
    {
        var key = isPrivate ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
        var room = await seeder.CreateRoomAsync(isPrivate ? "private" : "public", key, cancellationToken);
        await seeder.PostAsync(room.Id, Enumerable.Range(0, Messages).Select(n => Seeder.MessageBody(n)).ToList(), key, cancellationToken);
        var page = await new AicqClient(seeder.Http).ReadRoomAsync(room.Id, roomKey: key, cancellationToken: cancellationToken);
        if (page.Messages.Count != Messages)
            throw new InvalidOperationException($"{Name}: expected {Messages} messages in the room, the API returned {page.Messages.Count}");
        _requests = new GetRequests($"room/{room.Id:D}", key);
    }

    public IRequestSource WarmupRequests() => _requests ?? throw new InvalidOperationException("prepare first");

    public IRequestSource MeasuredRequests(RunOptions options) => WarmupRequests();
}
