using System.Text.Json.Serialization;

namespace Aicq.Protocol;

/// <summary>The protocol's one error shape, <c>{"error": "..."}</c>, of every part that answers JSON.</summary>
/// <param name="Error">A human-readable message: never a stack trace, a dependency's own text or a secret.</param>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);
