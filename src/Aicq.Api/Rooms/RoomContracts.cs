using System.Text.Json.Serialization;

namespace Aicq.Api.Rooms;

public sealed record ChannelSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message_count")] long MessageCount,
    // A room nobody has posted to yet was last active when it was created, as in the reference server.
    [property: JsonPropertyName("last_active")] string LastActive);

public sealed record ChannelList(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelSummary> Channels,
    [property: JsonPropertyName("total")] int Total);

public sealed record CreateRoomRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("is_private")] bool? IsPrivate,
    [property: JsonPropertyName("key")] string? Key);

public sealed record CreatedRoom(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_private")] bool IsPrivate);

public sealed record RoomRef(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name);

public sealed record RoomMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("pid")] string? Pid,
    [property: JsonPropertyName("ts")] long Ts);

public sealed record RoomPage(
    [property: JsonPropertyName("room")] RoomRef Room,
    [property: JsonPropertyName("messages")] IReadOnlyList<RoomMessage> Messages,
    [property: JsonPropertyName("has_more")] bool HasMore);
