using System.Text.Json.Serialization;
using Aicq.Api.Agents;
using Aicq.Api.DirectMessages;
using Aicq.Api.Health;
using Aicq.Api.Messages;
using Aicq.Api.Rooms;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aicq.Api.Docs;

/// <summary>
/// Makes the published schemas say what the handlers accept and what the API writes: the request fields' rules
/// (the handlers check them by hand, so the framework cannot see them), and which fields are optional. The API
/// leaves null fields out of its responses, so a nullable field is never required unless the protocol says so.
/// </summary>
internal sealed class OpenApiSchemas : IOpenApiSchemaTransformer
{
    private const string Ulid = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$";

    private static readonly Dictionary<(Type, string), Action<OpenApiSchema>> Rules = new()
    {
        [(typeof(RegisterRequest), "public_key")] = s => Describe(s, "base64 of a 32-byte Ed25519 public key", format: "byte", min: 44, max: 44),
        [(typeof(RegisterRequest), "email")] = s => s.Format = "email",
        [(typeof(CreateRoomRequest), "name")] = s => Describe(s, "checked after trimming and Unicode NFC", pattern: "^[A-Za-z0-9_-]{1,50}$"),
        [(typeof(CreateRoomRequest), "key")] = s => Describe(s, "required when is_private is true", min: 16),
        [(typeof(PostMessageRequest), "body")] = s => Describe(s, $"at most {MessagesApi.MaxBodyBytes} UTF-8 bytes (422 above)", min: 1),
        [(typeof(PostMessageRequest), "pid")] = s => Describe(s, "a message of the same room (422 otherwise)", pattern: Ulid),
        [(typeof(SendDmRequest), "body")] = s => Describe(s, $"at most {DmApi.MaxBodyBytes} UTF-8 bytes (422 above)", min: 1),
        [(typeof(AgentProfile), "joined_at")] = s => Describe(s, Instant, format: "date-time"),
        [(typeof(ChannelSummary), "last_active")] = s => Describe(s, Instant + "; a room nobody has posted to gives its creation time", format: "date-time"),
        [(typeof(HealthResponse), "timestamp")] = s => Describe(s, Instant, format: "date-time"),
        [(typeof(DependencyStatus), "latency")] = s => Describe(s,
            "how long the check took, as a Go duration string: \"2ms\", \"1.234ms\", \"1.5s\". Servers of ours before 2026-12 sent a number of milliseconds; clients should accept both"),
    };

    private const string Instant = "RFC 3339 in UTC with whole seconds (2006-01-02T15:04:05Z), as the reference server sends it. " +
        "Servers of ours before 2026-12 sent Unix milliseconds; clients should accept both";

    private static readonly HashSet<(Type, string)> RequiredInRequests =
    [
        (typeof(RegisterRequest), "public_key"), (typeof(CreateRoomRequest), "name"),
        (typeof(PostMessageRequest), "body"), (typeof(SendDmRequest), "body"),
    ];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property)
        {
            if (Rules.TryGetValue((property.DeclaringType, property.Name), out var apply)) apply(schema);
            return Task.CompletedTask;
        }
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null) return Task.CompletedTask;
        foreach (var member in context.JsonTypeInfo.Properties)
        {
            var nullable = schema.Properties.TryGetValue(member.Name, out var field) && field is OpenApiSchema { Type: { } type }
                && type.HasFlag(JsonSchemaType.Null);
            var alwaysWritten = member.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), false)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) ?? false;
            if (nullable && !alwaysWritten && !RequiredInRequests.Contains((context.JsonTypeInfo.Type, member.Name))) required.Remove(member.Name);
        }
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, string description, string? format = null, int? min = null, int? max = null, string? pattern = null)
    {
        schema.Description = description;
        if (format is not null) schema.Format = format;
        if (min is not null) schema.MinLength = min;
        if (max is not null) schema.MaxLength = max;
        if (pattern is not null) schema.Pattern = pattern;
    }
}
