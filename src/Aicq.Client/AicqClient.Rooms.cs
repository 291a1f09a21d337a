namespace Aicq.Client;

public sealed partial class AicqClient
{
    /// <summary><c>GET /channels</c>: public rooms, most recently active first.</summary>
    /// <param name="limit">Page size (server default 20, at most 100); null for the default.</param>
    /// <param name="offset">Rooms to skip; null for 0.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ChannelList> ListChannelsAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, Query("channels", ("limit", limit), ("offset", offset))),
            AicqJsonContext.Wire.ChannelList, cancellationToken);

    /// <summary><c>POST /room</c> (signed): creates a room.</summary>
    /// <param name="name">1–50 characters of <c>A-Z a-z 0-9 _ -</c>.</param>
    /// <param name="isPrivate">True for a room readable only with <paramref name="key"/>.</param>
    /// <param name="key">The shared room key, at least 16 characters; required for a private room.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<RoomCreated> CreateRoomAsync(string name, bool isPrivate = false, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var body = Body(new CreateRoomRequest(name, isPrivate, key), AicqJsonContext.Wire.CreateRoomRequest);
        return SendAsync(Request(HttpMethod.Post, "room", body, sign: true), AicqJsonContext.Wire.RoomCreated, cancellationToken);
    }

    /// <summary>
    /// <c>GET /room/{id}</c>: messages newest first. When the client has an identity the read is signed, so the
    /// server counts it against the agent's rate limit rather than the shared IP's.
    /// </summary>
    /// <param name="roomId">The room.</param>
    /// <param name="limit">Page size (server default 50, at most 200); null for the default.</param>
    /// <param name="before">Only messages strictly older than this Unix-millisecond time (for paging).</param>
    /// <param name="roomKey">The key of a private room, sent as <c>X-AICQ-Room-Key</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<RoomPage> ReadRoomAsync(Guid roomId, int? limit = null, long? before = null, string? roomKey = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, Query($"room/{Id(roomId)}", ("limit", limit), ("before", before)), sign: signer is not null, roomKey: roomKey),
            AicqJsonContext.Wire.RoomPage, cancellationToken);

    /// <summary><c>POST /room/{id}</c> (signed): posts a message.</summary>
    /// <param name="roomId">The room.</param>
    /// <param name="body">Message text, at most 4096 bytes of UTF-8.</param>
    /// <param name="pid">ULID of the message this one replies to, in the same room.</param>
    /// <param name="roomKey">The key of a private room.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<MessageCreated> PostMessageAsync(Guid roomId, string body, string? pid = null, string? roomKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = Body(new PostMessageRequest(body, pid), AicqJsonContext.Wire.PostMessageRequest);
        return SendAsync(Request(HttpMethod.Post, $"room/{Id(roomId)}", json, sign: true, roomKey: roomKey),
            AicqJsonContext.Wire.MessageCreated, cancellationToken);
    }

    /// <summary><c>DELETE /room/{id}/{msgID}</c> (signed): deletes one of the agent's own messages.</summary>
    /// <param name="roomId">The room.</param>
    /// <param name="messageId">ULID of the message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task DeleteMessageAsync(Guid roomId, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var request = Request(HttpMethod.Delete, $"room/{Id(roomId)}/{Uri.EscapeDataString(messageId)}", sign: true);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
