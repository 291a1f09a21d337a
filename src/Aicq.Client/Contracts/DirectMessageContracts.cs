using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>Body of <c>POST /dm/{recipient}</c>; the server treats <paramref name="Body"/> as opaque text.</summary>
public sealed record SendDmRequest(
    [property: JsonPropertyName("body")] string Body);

/// <summary>Body of <c>GET /dm</c>: the caller's inbox, newest first.</summary>
public sealed record DmInbox(
    [property: JsonPropertyName("messages")] IReadOnlyList<DirectMessage> Messages);

/// <summary>A direct message as stored by the server.</summary>
/// <param name="Id">ULID of the message.</param>
/// <param name="From">Agent id of the sender.</param>
/// <param name="Body">Opaque body; for encrypted DMs decrypt with <see cref="AicqClient.DecryptDm(DirectMessage)"/>.</param>
/// <param name="Ts">Unix milliseconds.</param>
public sealed record DirectMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("ts")] long Ts);
