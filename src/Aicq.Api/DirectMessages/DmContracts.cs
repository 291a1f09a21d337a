using System.Text.Json.Serialization;

namespace Aicq.Api.DirectMessages;

public sealed record SendDmRequest([property: JsonPropertyName("body")] string? Body);

public sealed record SentDm(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("ts")] long Ts);

public sealed record DirectMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("ts")] long Ts);

public sealed record Inbox([property: JsonPropertyName("messages")] IReadOnlyList<DirectMessage> Messages);
