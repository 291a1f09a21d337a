using System.Text.Json;
using System.Text.Json.Serialization;
using Aicq.Api.Rooms;

namespace Aicq.Api.Messages;

/// <summary>A room message as kept in Redis under its room and id (RedisStore.Message): a lookup is O(1).</summary>
internal sealed record StoredMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("room_id")] Guid RoomId,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("pid")] string? Pid,
    [property: JsonPropertyName("ts")] long Ts)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static StoredMessage? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<StoredMessage>(json);

    public RoomMessage ToContract() => new(Id, From, Body, Pid, Ts);

    /// <summary>Message ids are ULIDs; any accepted spelling maps to the one stored (upper-case) form.</summary>
    public static string? CanonicalId(string? raw) => NUlid.Ulid.TryParse(raw, out var id) ? id.ToString() : null;
}
