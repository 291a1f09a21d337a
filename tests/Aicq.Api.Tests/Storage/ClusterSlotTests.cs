namespace Aicq.Api.Tests.Storage;

/// <summary>
/// Redis Cluster runs a MULTI or a script only when all its keys are in one hash slot (else CROSSSLOT). Every
/// Redis-touching route runs here against a real Redis whose MONITOR log names each atomic unit and the keys it
/// touched, commands run inside scripts included; each unit must stay within one slot, and a script must declare
/// every key it touches (a cluster routes it by them).
/// </summary>
public sealed class ClusterSlotTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    private const string RoomKey = "slot-test-private-key";

    [Fact]
    public async Task EveryTransactionAndScript_TouchesOneSlot()
    {
        var author = await api.NewAgentAsync();
        var reader = await api.NewAgentAsync();
        await using var log = await RedisCommandLog.StartAsync(api.Redis);

        var room = await author.Client.CreateRoomAsync("slot-public");
        var first = await author.Client.PostMessageAsync(room.Id, "orbital mechanics of comets");
        await author.Client.PostMessageAsync(room.Id, "comets and orbital resonance", pid: first.Id);
        await reader.Client.ReadRoomAsync(room.Id);
        await reader.Client.FindAsync("orbital comets");
        await reader.Client.FindAsync("orbital comets", room: room.Id);
        await author.Client.DeleteMessageAsync(room.Id, first.Id);
        var secret = await author.Client.CreateRoomAsync("slot-private", isPrivate: true, key: RoomKey);
        await author.Client.PostMessageAsync(secret.Id, "hidden words", roomKey: RoomKey);
        await reader.Client.ReadRoomAsync(secret.Id, roomKey: RoomKey);
        await author.Client.SendDmAsync(reader.Id, "a direct message");
        await reader.Client.GetInboxAsync();
        await reader.Client.GetStatsAsync();

        var operations = await log.OperationsAsync();

        var joint = operations.Where(o => o.Keys.Count > 1).ToList();
        Assert.Contains(joint, o => o.Keys.Any(k => k.StartsWith("msg:", StringComparison.Ordinal)) && o.Keys.Any(k => k.StartsWith("room:", StringComparison.Ordinal)));
        Assert.Contains(joint, o => o.Keys.Count(k => k.StartsWith("{idx}:", StringComparison.Ordinal)) > 1);
        Assert.Contains(joint, o => o.Keys.Any(k => k.StartsWith("dm:", StringComparison.Ordinal)) && o.Keys.Any(k => k.EndsWith(":senders", StringComparison.Ordinal)));
        Assert.Contains(joint, o => o.Keys.Count(k => k.StartsWith("budget:", StringComparison.Ordinal)) == 2);
        Assert.All(operations, o => Assert.True(o.Slots.Count <= 1, $"crosses slots: {o}"));
        Assert.All(operations, o => Assert.True(o.Undeclared.Count == 0, $"a script touches keys it does not declare: {o}"));
    }
}
