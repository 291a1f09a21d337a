namespace Aicq.Api.Tests.Support;

/// <summary>xunit's Assert plus the protocol's error-shape check.</summary>
public sealed class Assert : Xunit.Assert
{
    /// <summary>The status is as expected and the body is exactly <c>{"error": "&lt;non-empty text&gt;"}</c>.</summary>
    public static async Task<string> Error(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var properties = json.RootElement.EnumerateObject().ToList();
        var error = Single(properties);
        Equal("error", error.Name);
        False(string.IsNullOrWhiteSpace(error.Value.GetString()));
        return error.Value.GetString()!;
    }
}
