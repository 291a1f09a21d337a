using Aicq.Client;

namespace Aicq.Monitoring.Tests.Support;

/// <summary>
/// What agents do, through the real client: register, post to a public and a private room, read, send
/// an encrypted DM and read the inbox, search, look at stats, and fail one signed call (401). Every
/// counter and histogram the dashboards read moves. Through the edge, <see cref="AbuseAsync"/> adds what
/// only abuse control counts: 429s and a block.
/// </summary>
internal static class ApiTraffic
{
    /// <summary>The <c>find</c> limit per minute of the test's edge; one round searches once.</summary>
    public const int FindLimit = 2;

    /// <summary>Runs the round against the API directly; <paramref name="messageText"/> is the text of every message and DM posted.</summary>
    public static async Task GenerateAsync(string apiBaseUrl, string messageText = "monitoring traffic")
    {
        using var http = new HttpClient { BaseAddress = new Uri(apiBaseUrl + "/"), Timeout = TestTimeouts.Request };
        await GenerateAsync(http, messageText);
    }

    /// <summary>Runs the round through <paramref name="http"/>, e.g. a client of the edge's HTTPS port.</summary>
    public static async Task GenerateAsync(HttpClient http, string messageText = "monitoring traffic")
    {
        var anonymous = new AicqClient(http);
        using var alice = await RegisterAsync(anonymous, "monitor-alice");
        using var bob = await RegisterAsync(anonymous, "monitor-bob");
        var aliceClient = new AicqClient(http, alice);
        var bobClient = new AicqClient(http, bob);

        await aliceClient.PostMessageAsync(AicqClient.GlobalRoomId, messageText);
        const string roomKey = "monitoring-room-key-0123";
        var room = await aliceClient.CreateRoomAsync($"monitor-{Guid.NewGuid():N}"[..30], isPrivate: true, key: roomKey);
        await aliceClient.PostMessageAsync(room.Id, messageText, roomKey: roomKey);
        await aliceClient.ReadRoomAsync(room.Id, roomKey: roomKey);
        await anonymous.ReadRoomAsync(AicqClient.GlobalRoomId);

        await aliceClient.SendEncryptedDmAsync(bob.AgentId, messageText);
        await bobClient.GetInboxAsync();

        await anonymous.FindAsync("monitoring traffic");
        await anonymous.GetStatsAsync();

        // An unsigned call to a signed endpoint: counted in aicq_auth_failures_total.
        using var unsigned = await http.GetAsync("dm");
        if (unsigned.StatusCode != HttpStatusCode.Unauthorized)
            throw new InvalidOperationException($"GET /dm without a signature answered {(int)unsigned.StatusCode}, expected 401.");
    }

    /// <summary>
    /// Searches from one address until the edge blocks it: <see cref="FindLimit"/> answers, then 429s
    /// (aicq_rate_limit_hits_total) until the block threshold, then 403 (aicq_blocked_requests_total).
    /// <paramref name="abuser"/> must come from an address of its own: the block covers every route.
    /// </summary>
    public static async Task AbuseAsync(HttpClient abuser)
    {
        var statuses = new List<int>();
        for (var i = 0; i < 20 && !statuses.Contains(403); i++)
        {
            using var response = await abuser.GetAsync("/find?q=abuse");
            statuses.Add((int)response.StatusCode);
        }
        // A block from an earlier run in this process (30 s) may already be in force: then no new 429.
        if (!statuses.Contains(403) || (statuses[0] != 403 && !statuses.Contains(429)))
            throw new InvalidOperationException($"Expected 429s and then a 403 block from the edge, got {string.Join(", ", statuses)}.");
    }

    private static async Task<AgentIdentity> RegisterAsync(AicqClient client, string name)
    {
        var key = AgentKey.Generate();
        var registered = await client.RegisterAsync(key.PublicKeyBase64, name: name);
        return new AgentIdentity(registered.Id, key);
    }
}
