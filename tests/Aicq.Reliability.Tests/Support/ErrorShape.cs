namespace Aicq.Reliability.Tests.Support;

/// <summary>The protocol's one error shape, <c>{"error": "..."}</c>, as every suite checks it.</summary>
public static class ErrorShape
{
    /// <summary>The message of a body that is exactly <c>{"error":"..."}</c> (one string property), else null.</summary>
    public static string? MessageOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            var properties = json.RootElement.EnumerateObject().ToList();
            return properties is [{ Name: "error", Value.ValueKind: JsonValueKind.String } only] ? only.Value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
