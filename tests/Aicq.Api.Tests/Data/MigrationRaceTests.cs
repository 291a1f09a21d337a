namespace Aicq.Api.Tests.Data;

public sealed class MigrationRaceTests
{
    [Fact]
    public async Task TwoInstances_MigratingOneEmptyDatabaseAtOnce_BothBecomeReady()
    {
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        var database = await postgres.CreateDatabaseAsync();

        var starting = await Task.WhenAll(
            ApiProcess.StartAsync(database, redis.Url, waitUntilReady: false),
            ApiProcess.StartAsync(database, redis.Url, waitUntilReady: false));
        await using var first = starting[0];
        await using var second = starting[1];
        await Task.WhenAll(
            first.Process.WaitForHttpAsync($"{first.BaseUrl}/health/ready", TimeSpan.FromSeconds(60)),
            second.Process.WaitForHttpAsync($"{second.BaseUrl}/health/ready", TimeSpan.FromSeconds(60)));

        using var client = first.CreateClient();
        var channels = await client.GetFromJsonAsync<JsonElement>("/channels");
        var global = channels.GetProperty("channels").EnumerateArray().Where(c => c.GetProperty("name").GetString() == "global").ToList();
        Assert.Single(global);
        Assert.Equal("00000000-0000-0000-0000-000000000001", global[0].GetProperty("id").GetString());
        var errors = first.Process.Output.Concat(second.Process.Output).Where(line => line.Contains("\"@l\":\"Error\"")).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
