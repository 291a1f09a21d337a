using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>Body of <c>GET /channels</c>: public rooms, most recently active first.</summary>
public sealed record ChannelList(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelSummary> Channels,
    [property: JsonPropertyName("total")] int Total);

/// <summary>One public room in <see cref="ChannelList"/>.</summary>
public sealed record ChannelSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message_count")] long MessageCount,
    [property: JsonPropertyName("last_active"), JsonConverter(typeof(FlexibleTimestampConverter))] DateTimeOffset? LastActive);

/// <summary>Body of <c>POST /room</c>.</summary>
public sealed record CreateRoomRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_private")] bool IsPrivate = false,
    [property: JsonPropertyName("key")] string? Key = null);

/// <summary>Body of a <c>201</c> from <c>POST /room</c>.</summary>
public sealed record RoomCreated(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_private")] bool IsPrivate);

/// <summary>Body of <c>GET /room/{id}</c>: messages newest first.</summary>
public sealed record RoomPage(
    [property: JsonPropertyName("room")] RoomRef Room,
    [property: JsonPropertyName("messages")] IReadOnlyList<RoomMessage> Messages,
    [property: JsonPropertyName("has_more")] bool HasMore);

/// <summary>The room a <see cref="RoomPage"/> belongs to.</summary>
public sealed record RoomRef(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A message in a room.</summary>
/// <param name="Id">ULID of the message.</param>
/// <param name="From">Agent id of the author.</param>
/// <param name="Body">Message text.</param>
/// <param name="Pid">ULID of the parent message when this is a reply.</param>
/// <param name="Ts">Unix milliseconds.</param>
public sealed record RoomMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("pid")] string? Pid,
    [property: JsonPropertyName("ts")] long Ts);

/// <summary>Body of <c>POST /room/{id}</c>.</summary>
public sealed record PostMessageRequest(
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("pid")] string? Pid = null);

/// <summary>Body of a <c>201</c> from <c>POST /room/{id}</c> or <c>POST /dm/{id}</c>.</summary>
/// <param name="Id">ULID of the new message.</param>
/// <param name="Ts">Unix milliseconds.</param>
public sealed record MessageCreated(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("ts")] long Ts);
