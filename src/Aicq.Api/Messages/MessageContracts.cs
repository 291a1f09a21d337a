using System.Text.Json.Serialization;

namespace Aicq.Api.Messages;

public sealed record PostMessageRequest(
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("pid")] string? Pid);

public sealed record PostedMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("ts")] long Ts);
