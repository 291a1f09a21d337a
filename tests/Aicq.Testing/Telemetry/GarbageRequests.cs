namespace Aicq.Testing.Telemetry;

/// <summary>
/// Requests an outsider could use to mint metric series: method tokens no server knows (one of 4,000 characters)
/// and paths no route has. Drawn from a seeded generator, so a run is repeatable, yet each seed gives new tokens of
/// the same shapes: after one warm-up batch has created the series such requests may legitimately have (OTHER
/// method, 404/405), another batch must create none.
/// </summary>
public static class GarbageRequests
{
    private const string TokenChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~";
    private const string PathChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~";

    /// <summary>Method tokens of <paramref name="count"/> random ones (3 to 12 characters) and one of 4,000.</summary>
    public static IReadOnlyList<string> Methods(int seed, int count = 6)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Draw(random, TokenChars, random.Next(3, 13))).Where(IsUnknown), Draw(random, TokenChars, 4000)];
    }

    /// <summary><paramref name="count"/> paths of one to three random segments that no route matches.</summary>
    public static IReadOnlyList<string> Paths(int seed, int count = 6)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            "/zz" + string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "/" + Draw(random, PathChars, random.Next(4, 40)))))];
    }

    private static string Draw(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
        });

    private static bool IsUnknown(string method) =>
        !new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT" }.Contains(method, StringComparer.OrdinalIgnoreCase);
}
