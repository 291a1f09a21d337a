using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Maintenance;

/// <summary>One matcher of an Alertmanager silence (API v2): <c>name</c> equal to, or matching, <c>value</c>, or not.</summary>
public sealed record SilenceMatcher(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("isRegex")] bool IsRegex,
    [property: JsonPropertyName("isEqual")] bool IsEqual)
{
    /// <summary>The matcher as Alertmanager and amtool print it.</summary>
    public override string ToString() => Name + (IsEqual, IsRegex) switch
    {
        (true, false) => "=",
        (true, true) => "=~",
        (false, false) => "!=",
        (false, true) => "!~",
    } + $"\"{Value}\"";
}

/// <summary>The body of <c>POST /api/v2/silences</c>.</summary>
public sealed record SilenceRequest(
    [property: JsonPropertyName("matchers")] IReadOnlyList<SilenceMatcher> Matchers,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("comment")] string Comment);

/// <summary>A silence as <c>GET /api/v2/silences</c> lists it (only the fields the page uses).</summary>
public sealed record Silence(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("matchers")] IReadOnlyList<SilenceMatcher>? Matchers,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("createdBy")] string? CreatedBy,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("status")] SilenceStatus? Status)
{
    public bool IsExpired => Status?.State == "expired";
}

public sealed record SilenceStatus([property: JsonPropertyName("state")] string? State);

/// <summary>The answer to <c>POST /api/v2/silences</c>.</summary>
public sealed record SilenceCreated([property: JsonPropertyName("silenceID")] string SilenceId);
