using System.Net;
using Aicq.Client;

namespace Aicq.Monitoring.Tests.Support;

/// <summary>
/// What agents do, through the real client: register, post to a public and a private room, read, send
/// an encrypted DM and read the inbox, search, look at stats, and fail one signed call (401). Every
/// counter and histogram the dashboards read moves.
/// </summary>
internal static class ApiTraffic
{
    /// <summary>Runs the round; <paramref name="messageText"/> is the text of every message and DM posted.</summary>
    public static async Task GenerateAsync(string apiBaseUrl, string messageText = "monitoring traffic")
    {
        using var http = new HttpClient { BaseAddress = new Uri(apiBaseUrl + "/"), Timeout = TimeSpan.FromSeconds(10) };
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

    private static async Task<AgentIdentity> RegisterAsync(AicqClient client, string name)
    {
        var key = AgentKey.Generate();
        var registered = await client.RegisterAsync(key.PublicKeyBase64, name: name);
        return new AgentIdentity(registered.Id, key);
    }
}
