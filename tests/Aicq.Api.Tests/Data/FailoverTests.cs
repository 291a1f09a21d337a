namespace Aicq.Api.Tests.Data;

/// <summary>
/// A primary with a streaming standby, and a <c>DATABASE_URL</c> naming both (<c>target_session_attrs=primary</c>):
/// when the primary stops and the standby is promoted, the running API finds the new primary by itself.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PrimaryStoppedAndStandbyPromoted_ApiWritesToTheNewPrimaryWithoutRestart()
    {
        await using var primary = await PostgresServer.StartAsync();
        await primary.CreateDatabaseAsync("aicq");
        await using var standby = await primary.StartStandbyAsync();
        var redis = await SharedServers.RedisAsync();
        await using var api = await ApiProcess.StartAsync(primary.FailoverUrl(standby, "aicq"), redis.Url);
        var (agent, client) = await api.NewAgentAsync("survivor");
        var before = await client.CreateRoomAsync(RoomName());
        await standby.WaitForReplayOfAsync(primary, TimeSpan.FromSeconds(60));

        await primary.StopAsync();
        await standby.PromoteAsync();
        var watch = Stopwatch.StartNew();
        var refusals = new List<HttpStatusCode>();
        RoomCreated? after = null;
        // Generous: the promise is "within 10 s"; the measured time is printed, the bound only catches a hang.
        Assert.True(await Poll.UntilAsync(async () =>
        {
            try
            {
                after = await client.CreateRoomAsync(RoomName());
                return true;
            }
            catch (AicqApiException e)
            {
                refusals.Add(e.StatusCode);
                return false;
            }
        }, TimeSpan.FromSeconds(60)), string.Join('\n', api.Process.Output.TakeLast(15)));
        output.WriteLine($"first write on the new primary {watch.Elapsed.TotalSeconds:F1} s after promotion; {refusals.Count} refusals before");

        Assert.All(refusals, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.False(await standby.IsStandbyAsync());
        // What the old primary had acknowledged (and the standby replayed) is all there; the new room takes posts at once.
        Assert.Equal(agent.AgentId, (await client.WhoAsync(agent.AgentId)).Id);
        await client.PostMessageAsync(before.Id, "still here");
        await client.PostMessageAsync(after!.Id, "new primary");
    }

    private static string RoomName() => "failover-" + Guid.NewGuid().ToString("N")[..8];
}
