namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Messages posted to a private room never surface in public views: no word of them finds them with
/// <c>/find</c> (not even with <c>room=</c> the private room), <c>/stats</c> neither previews nor ranks them, and
/// <c>/channels</c> never lists the room. A public control message sharing a word proves the views are live.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class PrivateMessageLeakTests(AbuseAppliance fixture) : IDisposable
{
    /// <summary>The find route allows 30 a minute per address: readers take turns well below it.</summary>
    private const int RequestsPerReader = 25;

    private readonly List<HttpClient> _readers = [];
    private int _requests;

    [Fact]
    public async Task PrivateRoomMessages_NeverAppearIn_Find_Stats_OrChannels()
    {
        var appliance = fixture.Appliance;
        using var owner = await appliance.NewAgentAsync("private-writer");
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var roomName = $"secret-{run}";
        using var api = appliance.Apis[0].CreateClient();
        var room = (await new AicqClient(api, owner).CreateRoomAsync(roomName, isPrivate: true, key: key)).Id;

        using var writerHttp = appliance.Edge.Client(AbuseAppliance.NextAddress());
        var writer = new AicqClient(writerHttp, owner);
        var shared = $"canary{run}";
        var privateWords = new List<string>();
        var privateBodies = new List<string>();
        for (var i = 0; i < SuiteForm.Pick(10, 5); i++)
        {
            var words = Enumerable.Range(0, 3).Select(j => $"hush{run}{i}{(char)('a' + j)}").ToArray();
            privateWords.AddRange(words);
            privateBodies.Add($"{shared} {string.Join(' ', words)}");
            await writer.PostMessageAsync(room, privateBodies[^1], roomKey: key);
        }
        var control = $"{shared} open{run}";
        await writer.PostMessageAsync(AicqClient.GlobalRoomId, control);

        var problems = new List<string>();
        var controlFound = await WaitForControlAsync($"open{run}");
        if (!controlFound) problems.Add("the public control message never became searchable");

        var queries = 0;
        var leaks = new List<string>();
        foreach (var word in privateWords.Prepend(shared))
        {
            foreach (var scope in new Guid?[] { null, room })
            {
                queries++;
                var found = await FindAsync(word, scope);
                var leaked = found.Where(h => h.RoomId == room || privateBodies.Contains(h.Body)).ToList();
                if (leaked.Count > 0) leaks.Add($"/find?q={word}{(scope is null ? "" : "&room=private")} returned {leaked.Count}");
                if (word == shared && scope is null && !found.Any(h => h.Body == control)) problems.Add($"/find?q={shared} missed the public control");
            }
        }

        var stats = await NextReader().GetStatsAsync();
        var statsLeaks = stats.RecentMessages.Count(m => privateWords.Any(w => m.Body.Contains(w, StringComparison.Ordinal)))
                         + stats.TopChannels.Count(c => c.Id == room);
        var controlInStats = stats.RecentMessages.Any(m => m.Body == control);
        if (!controlInStats) problems.Add("/stats recent_messages misses the public control");
        if (statsLeaks > 0) leaks.Add($"/stats shows the private room or its messages {statsLeaks} times");

        var (listed, pages) = await ListAllChannelsAsync();
        if (listed.Any(c => c.Id == room || c.Name == roomName)) leaks.Add("/channels lists the private room");
        problems.AddRange(leaks);

        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Private messages never in search or stats",
            "no word of a private room's messages finds them in /find (with or without room=), /stats neither previews nor ranks " +
            "them, /channels never lists the room; a public control message sharing a word is found",
            $"{privateBodies.Count} private messages ({privateWords.Count + 1} distinct words) through the edge: {queries} /find queries, " +
            $"{leaks.Count} leaks; control found by /find: {(controlFound ? "yes" : "no")}, in /stats: {(controlInStats ? "yes" : "no")}; " +
            $"/channels: {listed.Count} public rooms on {pages} pages, private room absent: {(listed.All(c => c.Id != room) ? "yes" : "no")}" +
            (problems.Count == 0 ? "" : "; " + string.Join("; ", problems)),
            problems.Count == 0);
    }

    public void Dispose()
    {
        foreach (var reader in _readers) reader.Dispose();
    }

    /// <summary>A public reader from a new address every <see cref="RequestsPerReader"/> requests.</summary>
    private AicqClient NextReader()
    {
        if (_requests++ % RequestsPerReader == 0) _readers.Add(fixture.Appliance.Edge.Client(AbuseAppliance.NextAddress()));
        return new AicqClient(_readers[^1]);
    }

    private async Task<IReadOnlyList<SearchHit>> FindAsync(string word, Guid? room)
    {
        try
        {
            return (await NextReader().FindAsync(word, limit: 100, room: room)).Results;
        }
        catch (AicqApiException e) when ((int)e.StatusCode is >= 400 and < 500 and not 429)
        {
            return [];
        }
    }

    /// <summary>Search may index a moment after the write is acknowledged: wait (≤ 10 s) for the public control.</summary>
    private async Task<bool> WaitForControlAsync(string word)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if ((await FindAsync(word, null)).Count > 0) return true;
            await Task.Delay(500);
        }
        return false;
    }

    private async Task<(List<ChannelSummary> Channels, int Pages)> ListAllChannelsAsync()
    {
        var channels = new List<ChannelSummary>();
        var pages = 0;
        while (true)
        {
            var page = await NextReader().ListChannelsAsync(limit: 100, offset: channels.Count);
            pages++;
            channels.AddRange(page.Channels);
            if (page.Channels.Count == 0 || channels.Count >= page.Total) return (channels, pages);
        }
    }
}
