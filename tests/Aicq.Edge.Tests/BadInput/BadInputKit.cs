namespace Aicq.Edge.Tests.BadInput;

/// <summary>An agent with a public room of its own (made at the API directly), and a fresh client address.</summary>
public sealed record Poster(AgentIdentity Agent, Guid Room, IPAddress From);

/// <summary>What the bad-input tests share: a room to post into, signing by hand, and the check that nothing leaked into logs.</summary>
public static class BadInputKit
{
    public static async Task<Poster> PosterAsync(this ApplianceFixture appliance)
    {
        var agent = await appliance.NewAgentAsync();
        using var http = new HttpClient { BaseAddress = new Uri(appliance.Api1.BaseUrl) };
        var room = await new AicqClient(http, agent).CreateRoomAsync($"bad-input-{Guid.NewGuid():N}"[..40]);
        return new Poster(agent, room.Id, ClientAddresses.Next());
    }

    /// <summary>A new private room whose key is <paramref name="key"/>, made at the API directly.</summary>
    public static async Task<Guid> PrivateRoomAsync(this ApplianceFixture appliance, string key)
    {
        var agent = await appliance.NewAgentAsync();
        using var http = new HttpClient { BaseAddress = new Uri(appliance.Api1.BaseUrl) };
        return (await new AicqClient(http, agent).CreateRoomAsync($"bad-key-{Guid.NewGuid():N}"[..30], isPrivate: true, key: key)).Id;
    }

    /// <summary>A text no log line could contain by chance: a submitted body or header value to look for afterwards.</summary>
    public static string Marker(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>A JSON request body of exactly <paramref name="bytes"/> bytes: <c>{"body":"&lt;marker&gt;aaa…"}</c>.</summary>
    public static string JsonOfBytes(int bytes, string marker) =>
        $$"""{"body":"{{marker}}{{new string('a', bytes - marker.Length - """{"body":""}""".Length)}}"}""";

    /// <summary>The four X-AICQ-* header lines signing <paramref name="body"/>, for requests written by hand.</summary>
    public static string[] SignedHeaderLines(AgentIdentity agent, byte[] body) =>
        new RequestSigner(agent).Sign(body).ToList().Select(h => $"{h.Key}: {h.Value}").ToArray();

    /// <summary>
    /// A signed JSON POST of <paramref name="json"/> to the poster's room, over a real HttpClient through the edge, without
    /// <c>Expect: 100-continue</c>: even a body far over the limit must end in a readable 413, not a reset connection.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(this ApplianceFixture appliance, Poster poster, string json)
    {
        using var client = appliance.Edge.Signed(poster.Agent, poster.From);
        var request = Requests.Post($"/room/{poster.Room}", json);
        return await client.SendAsync(request);
    }

    public const int RequestBodyLimit = 8 * 1024;

    /// <summary>The room's messages as the API gives them back, read at the API directly (no edge budget spent).</summary>
    public static async Task<IReadOnlyList<string>> BodiesAsync(this ApplianceFixture appliance, Guid room)
    {
        using var http = new HttpClient { BaseAddress = new Uri(appliance.Api1.BaseUrl) };
        var page = await new AicqClient(http).ReadRoomAsync(room);
        return page.Messages.Select(m => m.Body).ToList();
    }

    /// <summary>
    /// None of the edge's or the APIs' output lines contains any of <paramref name="secrets"/>. Waits a moment
    /// first, so a line written just after the response has arrived is seen too.
    /// </summary>
    public static async Task AssertNotLoggedAsync(this ApplianceFixture appliance, params string[] secrets)
    {
        await Task.Delay(300);
        var processes = new (string Name, Aicq.Testing.ServiceProcess Process)[]
            { ("edge", appliance.Edge.Process), ("api1", appliance.Api1.Process), ("api2", appliance.Api2.Process) };
        foreach (var (name, process) in processes)
        {
            Assert.NotEmpty(process.Output);
            foreach (var secret in secrets.Where(s => s.Length > 0))
            {
                var line = process.Output.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
                Assert.True(line is null, $"{name} logged submitted text '{secret}': {line}");
            }
        }
    }

    /// <summary>Signed headers as a lookup, to pick single values (e.g. the signature, a secret that must not be logged).</summary>
    public static IReadOnlyDictionary<string, string> Signed(AgentIdentity agent, string json) =>
        new RequestSigner(agent).Sign(Encoding.UTF8.GetBytes(json)).ToList().ToDictionary(h => h.Key, h => h.Value);
}
