namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Issue 12, finding 1, as an attacker plays it: one agent's requests all in flight at once, through one edge and
/// through two edges on one Redis, get exactly the agent's limit through on every agent-scoped route; a client that
/// hangs up right after sending is charged for every request the API acted on.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class AgentBurstAbuseTests(AbuseAppliance fixture)
{
    /// <summary>Route row, its label, limit and burst (the issue's 25, 80 and 100, and 200 for 120).</summary>
    private static readonly (string Row, string Label, int Limit, int Burst)[] Routes =
    [
        ("create_room", "POST /room", 10, 25),
        ("post_message", "POST /room/{id}", 30, 80),
        ("send_dm", "POST /dm/{id}", 60, 100),
        ("read_dms", "GET /dm", 60, 100),
        ("read_room_signed", "signed GET /room/{id}", 120, 200),
    ];

    private const string Expected = "per route, one agent's burst released at once from addresses of its own: exactly the limit of 2xx, every other answer 429";

    [Fact]
    public async Task ConcurrentBursts_ThroughOneEdge_GetExactlyTheLimit() =>
        await RecordBurstsAsync("Concurrent agent bursts, one edge", [fixture.Appliance.Edge]);

    [Fact]
    public async Task ConcurrentBursts_ThroughTwoEdgesSharingRedis_GetExactlyTheLimit()
    {
        var appliance = fixture.Appliance;
        await using var second = await EdgeProcess.StartAsync(appliance.Tls, appliance.Apis.Select(a => a.BaseUrl), appliance.Redis.Url + "/1");
        await RecordBurstsAsync("Concurrent agent bursts, two edges", [appliance.Edge, second]);
    }

    [Fact]
    public async Task ClientsThatHangUpAfterSending_AreChargedForWhatTheApiStored()
    {
        const int hangUps = 20;
        var appliance = fixture.Appliance;
        using var agent = await appliance.NewAgentAsync("hang-up");
        var signer = new RequestSigner(agent);
        var marker = Guid.NewGuid().ToString("N");
        var handled = await HandledAsync(appliance.Edge, "POST /room/{id}");
        for (var i = 0; i < hangUps; i++)
        {
            var body = Encoding.UTF8.GetBytes($"{{\"body\":\"{marker} {i}\"}}");
            await HangUp.PostAsync(appliance.Edge, AbuseAppliance.NextAddress(), $"/room/{Requests.GlobalRoom}", body, signer.Sign(body).ToList());
        }
        for (var i = 0; i < 300 && await HandledAsync(appliance.Edge, "POST /room/{id}") < handled + hangUps; i++) await Task.Delay(100);
        var stored = await StoredAsync(marker);
        using var client = appliance.Edge.Signed(agent, AbuseAppliance.NextAddress());
        using var next = await client.SendAsync(Requests.Post($"/room/{Requests.GlobalRoom}", "{\"body\":\"after the hang-ups\"}"));
        var remaining = int.Parse(next.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);

        var passed = stored > 0 && next.StatusCode == HttpStatusCode.Created && remaining == 30 - stored - 1;
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Hang-up after sending",
            "signed POST /room/{id} (30 per minute), each connection closed right after the request was sent: every message the API stored is charged to the agent",
            $"{hangUps} hang-ups: {stored} messages stored; the agent's next post {(int)next.StatusCode} with Remaining {remaining} (expected {30 - stored - 1})",
            passed);
    }

    private async Task RecordBurstsAsync(string caseName, EdgeProcess[] edges)
    {
        var measured = new List<string>();
        var passed = true;
        foreach (var (row, label, limit, burst) in Routes)
        {
            var statuses = await BurstAsync(row, burst, edges);
            var succeeded = statuses.Count(s => (int)s is >= 200 and < 300);
            var refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
            passed &= succeeded == limit && refused == burst - limit;
            measured.Add($"{label} ({limit}): {burst} at once → {Burst.Tally(statuses)}");
        }
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, caseName, Expected, string.Join("; ", measured), passed);
    }

    /// <summary>
    /// One agent's burst, at most nine requests per address (ten violations would block it, turning 429s into 403s).
    /// Should Redis miss the edges' 500 ms timeout on this loaded machine, an edge limits in memory on its own for a while
    /// (the documented fallback, not the shared budget measured here): such a run is repeated with a new agent, twice at most.
    /// </summary>
    private async Task<HttpStatusCode[]> BurstAsync(string row, int burst, EdgeProcess[] edges)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fallbacks = edges.Sum(Fallbacks);
            using var agent = await fixture.Appliance.NewAgentAsync("burst");
            using var recipient = row == "send_dm" ? await fixture.Appliance.NewAgentAsync("burst-recipient") : null;
            using var clients = new ClientGroup(Enumerable.Range(0, (burst + 8) / 9)
                .Select(i => edges[i % edges.Length].Signed(agent, AbuseAppliance.NextAddress())));
            var statuses = await Burst.SendAsync(clients, burst, () => AgentRoutes.Request(row, recipient?.AgentId));
            if (edges.Sum(Fallbacks) == fallbacks || attempt == 3) return statuses;
            foreach (var edge in edges) await edge.MetricReachesAsync(0, TimeSpan.FromSeconds(30), "aicq_ratelimit_fallback_active");
        }
    }

    private static int Fallbacks(EdgeProcess edge) => edge.Process.Output.Count(line => line.Contains("ratelimit_fallback_active", StringComparison.Ordinal));

    private static async Task<double> HandledAsync(EdgeProcess edge, string route)
    {
        using var client = edge.Internal();
        var text = await client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("aicq_edge_requests_total{", StringComparison.Ordinal) && l.Contains($"route=\"{route}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private async Task<int> StoredAsync(string marker)
    {
        using var http = fixture.Appliance.Apis[0].CreateClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync($"/room/{Requests.GlobalRoom}?limit=200"));
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Count(m => m.GetProperty("body").GetString()?.StartsWith(marker, StringComparison.Ordinal) == true);
    }
}
