using System.Text.Json.Serialization;

namespace Aicq.Api.Docs;

public sealed record ApiInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("docs")] string Docs);
