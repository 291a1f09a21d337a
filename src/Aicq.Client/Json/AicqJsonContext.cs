using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json;
using Aicq.Protocol;

namespace Aicq.Client;

/// <summary>
/// Source-generated serialization for every wire contract. Use <see cref="Wire"/>: nulls are left out of request
/// bodies (an absent <c>name</c> or <c>pid</c>), a null where the contract promises a value fails loudly, and text
/// is written as plain UTF-8 (the default encoder's <c>\u002B</c> for <c>+</c> or escapes for every non-ASCII
/// letter are valid JSON but make bodies larger and harder to read; bodies never go into HTML).
/// </summary>
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(AgentProfile))]
[JsonSerializable(typeof(ChannelList))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(RoomCreated))]
[JsonSerializable(typeof(RoomPage))]
[JsonSerializable(typeof(PostMessageRequest))]
[JsonSerializable(typeof(MessageCreated))]
[JsonSerializable(typeof(SendDmRequest))]
[JsonSerializable(typeof(DmInbox))]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(PlatformStats))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ApiInfo))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class AicqJsonContext : JsonSerializerContext
{
    internal static AicqJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
