namespace Aicq.Testing.Edge;

/// <summary>Checks the protocol asks of every response.</summary>
public static class Expect
{
    /// <summary>The status is as expected and the body is exactly <c>{"error": "&lt;message&gt;"}</c>.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string? message = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("error", property.Name);
        var error = property.Value.GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (message is not null) Assert.Equal(message, error);
        return error!;
    }

    /// <summary>The protocol's security and CORS headers, and no Server header.</summary>
    public static void SecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var hsts = Header(response, "Strict-Transport-Security");
        Assert.Contains("includeSubDomains", hsts);
        Assert.True(int.Parse(hsts!.Split(';')[0].Split('=')[1]) >= 31_536_000, hsts);
        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"));
        Assert.Null(Header(response, "Server"));
    }

    /// <summary>The three rate-limit headers, as numbers.</summary>
    public static (int Limit, int Remaining, long Reset) RateLimit(HttpResponseMessage response)
    {
        var limit = Header(response, "X-RateLimit-Limit");
        var remaining = Header(response, "X-RateLimit-Remaining");
        var reset = Header(response, "X-RateLimit-Reset");
        Assert.True(limit is not null && remaining is not null && reset is not null, $"rate-limit headers missing on {(int)response.StatusCode}");
        return (int.Parse(limit!), int.Parse(remaining!), long.Parse(reset!));
    }

    /// <summary>A 429 in the protocol's form: the error, the rate-limit headers and an integer Retry-After of at most the window.</summary>
    public static async Task<int> TooManyAsync(HttpResponseMessage response, int limit, TimeSpan window)
    {
        await ErrorAsync(response, HttpStatusCode.TooManyRequests, "rate limit exceeded");
        var (reportedLimit, remaining, reset) = RateLimit(response);
        Assert.Equal(limit, reportedLimit);
        Assert.Equal(0, remaining);
        var retryAfter = Header(response, "Retry-After");
        Assert.Matches("^[0-9]+$", retryAfter);
        var seconds = int.Parse(retryAfter!);
        Assert.InRange(seconds, 1, (int)Math.Ceiling(window.TotalSeconds));
        // The edge answered between its Date header (whole seconds, refreshed by Kestrel once a second, so it can lag
        // the real moment by up to two) and now, when this busy test process reads it: the reset lies within a window of that.
        var now = DateTimeOffset.UtcNow;
        var answered = response.Headers.Date ?? now;
        Assert.InRange(reset, answered.ToUnixTimeSeconds(), now.Add(window).ToUnixTimeSeconds() + 1);
        SecurityHeaders(response);
        return seconds;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
