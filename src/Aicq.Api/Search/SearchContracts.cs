using System.Text.Json.Serialization;

namespace Aicq.Api.Search;

public sealed record SearchHit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("room_id")] Guid RoomId,
    [property: JsonPropertyName("room_name")] string RoomName,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("ts")] long Ts);

public sealed record SearchResults(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("results")] IReadOnlyList<SearchHit> Results,
    [property: JsonPropertyName("total")] long Total);
