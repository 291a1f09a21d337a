using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>
/// Source-generated serialization for every wire contract. Nulls are left out of request bodies (an absent
/// <c>name</c> or <c>pid</c>), and a null where the contract promises a value fails loudly.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
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
internal sealed partial class AicqJsonContext : JsonSerializerContext;
