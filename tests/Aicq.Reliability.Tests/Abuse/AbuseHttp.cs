namespace Aicq.Reliability.Tests.Abuse;

/// <summary>What the abuse cases read off a response: its status, the protocol's error message and a few headers.</summary>
public static class AbuseHttp
{
    public const string RateLimited = "rate limit exceeded";
    public const string Blocked = "temporarily blocked";

    /// <summary>One answer as the attacker saw it; <see cref="Error"/> is null unless the body had the protocol's error shape.</summary>
    public sealed record Answer(int Status, string? Error, string? RetryAfter, int? Remaining)
    {
        public bool Is(int status, string? error = null) => Status == status && (error is null || Error == error);
    }

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var remaining = Header(response, "X-RateLimit-Remaining");
        return new Answer((int)response.StatusCode, ErrorShape.MessageOf(text), Header(response, "Retry-After"),
            remaining is null ? null : int.Parse(remaining, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
            return await ReadAsync(response);
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    /// <summary>Counts of answers by status and error, in words: "120 × 403 (room key required), 10 × 429 (…)".</summary>
    public static string Tally(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(a => (a.Status, a.Error)).OrderBy(g => g.Key.Status)
            .Select(g => $"{g.Count()} × {g.Key.Status}" + (g.Key.Error is null ? "" : $" ({g.Key.Error})")));

    /// <summary>The <paramref name="percentile"/> (0–100) of <paramref name="values"/> by nearest rank; 0 when empty.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile) => Percentiles.Rank(values, percentile / 100);
}
