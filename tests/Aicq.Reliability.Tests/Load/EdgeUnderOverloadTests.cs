namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// What agents see through the real edge when every API instance is saturated: the instances' 503 with its
/// Retry-After passes through unchanged (the edge keeps them in rotation rather than answering 502), and an
/// instance that does not answer at all is given up on after the edge's own upstream timeout with the
/// protocol's error shape, quickly, never a hang until the client's timeout.
/// </summary>
public sealed class EdgeUnderOverloadTests
{
    [Fact]
    public async Task AllUpstreamsShedOrStall_EdgePasses503WithRetryAfter_AndTimesOutFastWithTheErrorShape()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await OverloadedUpstream.StartAsync();
        await using var second = await OverloadedUpstream.StartAsync();
        var tls = await TestCertificate.CreateAsync();
        await using var edge = await EdgeProcess.StartAsync(tls, [first.Url, second.Url], redis.Url + "/1",
            new Dictionary<string, string?> { ["EDGE_UPSTREAM_TIMEOUT_SECONDS"] = "2", ["LOG_LEVEL"] = "warning" });
        using var client = edge.Client();

        var shed = new List<(HttpStatusCode Status, string? RetryAfter, string? Error)>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/channels");
            shed.Add((response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ErrorShape.MessageOf(await response.Content.ReadAsStringAsync())));
        }
        var passedThrough = shed.Count(s => s is { Status: HttpStatusCode.ServiceUnavailable, RetryAfter: "1", Error: "server overloaded" });

        var watch = Stopwatch.StartNew();
        using var stalled = await client.GetAsync("/slow/request");
        var waited = watch.Elapsed;
        var stalledError = ErrorShape.MessageOf(await stalled.Content.ReadAsStringAsync());

        var others = shed.Where(s => s.Status != HttpStatusCode.ServiceUnavailable).Select(s => (int)s.Status).Distinct().ToList();
        var measured = $"{passedThrough} of {shed.Count} shed answers passed through as 503 with Retry-After 1 and the API's error" +
                       (others.Count > 0 ? $" (others: {string.Join(", ", others)})" : "") + "; " +
                       $"a stalled instance answered {(int)stalled.StatusCode} {{\"error\":\"{stalledError}\"}} after {waited.TotalSeconds:0.0} s " +
                       "(EDGE_UPSTREAM_TIMEOUT_SECONDS=2)";
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Load, "edge in front of saturated instances",
            "every instance's 503 + Retry-After reaches the client unchanged; an instance that never answers costs the client only " +
            "the edge's upstream timeout (+ < 2 s), answered in the error shape",
            measured,
            passedThrough == shed.Count && stalled.StatusCode == HttpStatusCode.GatewayTimeout && stalledError is not null
            && waited < TimeSpan.FromSeconds(4));
    }
}
