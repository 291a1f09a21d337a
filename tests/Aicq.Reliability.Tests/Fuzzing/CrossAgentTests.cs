namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// What generated requests cannot judge alone: a deleted message is gone everywhere and stays gone, one agent never
/// deletes or reads what is another's, and a private room's messages are seen by nobody without its key (not by
/// key guessing, not by search, not in the stats).
/// </summary>
public sealed class CrossAgentTests
{
    [Fact]
    public async Task DeletedMessages_OthersMessages_OthersDms_AndPrivateRooms_StayOutOfReach()
    {
        await using var appliance = await ReliabilityAppliance.StartAsync(ReliabilityAppliance.GenerousLimits);
        using var http = appliance.Apis[0].CreateClient();
        var (a, b, c) = (await appliance.NewAgentAsync("a"), await appliance.NewAgentAsync("b"), await appliance.NewAgentAsync("c"));
        var (asA, asB, asC, anonymous) = (new AicqClient(http, a), new AicqClient(http, b), new AicqClient(http, c), new AicqClient(http));
        var failures = new List<string>();

        // Use after delete: gone from the room and from search, and a second delete finds nothing.
        var room = (await asA.CreateRoomAsync("cross-agent")).Id;
        var word = "zulu" + Guid.NewGuid().ToString("N")[..12];
        var posted = await asA.PostMessageAsync(room, $"{word} to be deleted");
        var foundBefore = (await anonymous.FindAsync(word)).Results.Count;
        var firstDelete = await StatusAsync(() => asA.DeleteMessageAsync(room, posted.Id));
        var inRoom = (await anonymous.ReadRoomAsync(room)).Messages.Count(m => m.Id == posted.Id);
        var foundAfter = (await anonymous.FindAsync(word)).Results.Count;
        var secondDelete = await StatusAsync(() => asA.DeleteMessageAsync(room, posted.Id));
        await Check(failures, "deleted message: gone from room and search; delete again", "found once before; 204; then 0 in room, 0 in search; 404",
            $"found {foundBefore} before; {firstDelete}; then {inRoom} in room, {foundAfter} in search; {secondDelete}",
            foundBefore == 1 && firstDelete == 204 && inRoom == 0 && foundAfter == 0 && secondDelete == 404);

        // Another agent's message: B may not delete it, and it stays.
        var kept = await asA.PostMessageAsync(room, "a's message");
        var byB = await StatusAsync(() => asB.DeleteMessageAsync(room, kept.Id));
        var stillThere = (await anonymous.ReadRoomAsync(room)).Messages.Any(m => m.Id == kept.Id);
        await Check(failures, "agent B deletes A's message", "403; the message stays", $"{byB}; {(stillThere ? "stays" : "gone")}", byB == 403 && stillThere);

        // DMs: B's signed inbox shows only B's messages, never A's.
        var toA = await asC.SendDmAsync(a.AgentId, "for a only");
        var toB = await asC.SendDmAsync(b.AgentId, "for b");
        var inboxB = (await asB.GetInboxAsync()).Messages.Select(m => m.Id).ToList();
        var inboxA = (await asA.GetInboxAsync()).Messages.Select(m => m.Id).ToList();
        await Check(failures, "agent B reads the DM inbox (GET /dm)", "only B's DM; A's DM only in A's inbox",
            $"B sees {inboxB.Count} DM(s), A's {(inboxB.Contains(toA.Id) ? "included" : "not included")}; A sees A's: {inboxA.Contains(toA.Id)}",
            inboxB.SequenceEqual([toB.Id]) && inboxA.Contains(toA.Id) && !inboxA.Contains(toB.Id));

        // A private room: no read or post without its key, and its words are found nowhere public.
        var key = "cross-agent-key-0123456789";
        var secret = (await asA.CreateRoomAsync("cross-private", isPrivate: true, key: key)).Id;
        var other = (await asB.CreateRoomAsync("cross-other", isPrivate: true, key: "another-rooms-key-0123")).Id;
        var hidden = "yankee" + Guid.NewGuid().ToString("N")[..12];
        await asA.PostMessageAsync(secret, $"{hidden} private words", roomKey: key);
        var refusals = new List<int>();
        foreach (var wrong in new string?[] { null, "wrong-key-0123456789", "another-rooms-key-0123", key.ToUpperInvariant() })
        {
            refusals.Add(await StatusAsync(() => asB.ReadRoomAsync(secret, roomKey: wrong)));
            refusals.Add(await StatusAsync(() => anonymous.ReadRoomAsync(secret, roomKey: wrong)));
            refusals.Add(await StatusAsync(() => asB.PostMessageAsync(secret, "intruder", roomKey: wrong)));
        }
        var withKey = (await asC.ReadRoomAsync(secret, roomKey: key)).Messages.Count;
        await Check(failures, "private room without its key (missing, wrong, another room's, wrong case)", "403 for every read and post; readable with the key",
            $"{string.Join(", ", refusals.GroupBy(s => s).Select(g => $"{g.Key} × {g.Count()}"))}; {withKey} message(s) with the key",
            refusals.All(s => s == 403) && withKey == 1 && other != secret);

        var found = (await anonymous.FindAsync(hidden)).Total + (await anonymous.FindAsync(hidden, room: secret)).Total;
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // past the stats cache
        var stats = await anonymous.GetStatsAsync();
        var inStats = stats.RecentMessages.Count(m => m.Body.Contains(hidden, StringComparison.Ordinal)) + stats.TopChannels.Count(t => t.Id == secret);
        var listed = (await anonymous.ListChannelsAsync(limit: 100)).Channels.Count(ch => ch.Id == secret);
        await Check(failures, "private room's messages in /find, /stats, /channels", "0 hits everywhere",
            $"{found} in search, {inStats} in stats, {listed} in channels", found == 0 && inStats == 0 && listed == 0);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task Check(List<string> failures, string name, string expected, string measured, bool passed)
    {
        await ReliabilityReport.RecordAsync(ReliabilitySuite.Fuzzing, name, expected, measured, passed);
        if (!passed) failures.Add($"{name}: expected {expected}; measured {measured}");
    }

    private static async Task<int> StatusAsync(Func<Task> call)
    {
        try
        {
            await call();
            return 204;
        }
        catch (AicqApiException e)
        {
            return (int)e.StatusCode;
        }
    }

    private static async Task<int> StatusAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (AicqApiException e)
        {
            return (int)e.StatusCode;
        }
    }
}
