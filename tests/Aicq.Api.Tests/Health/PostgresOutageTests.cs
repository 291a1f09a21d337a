namespace Aicq.Api.Tests.Health;

public sealed class PostgresOutageTests
{
    [Fact]
    public async Task PostgresStopped_DatabaseRoutesFailFastWith503_ThenRecover()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var redis = await SharedServers.RedisAsync();
        await using var api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
        using var http = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/channels")).StatusCode);

        await postgres.StopAsync(immediate: true);
        var watch = Stopwatch.StartNew();
        var channels = await http.GetAsync("/channels");
        // Under PostgresUrl's 2 s connect timeout: a request that waited for a connection would have taken at least that.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        await Assert.Error(channels, HttpStatusCode.ServiceUnavailable);
        var health = await http.GetAsync("/health");
        using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.Equal("fail", body.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
            // The NpgSql package reports the driver's own error, which names the server; /health shows a fixed word.
            Assert.Equal("unreachable", body.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("message").GetString());
            Assert.DoesNotContain("127.0.0.1", body.RootElement.GetRawText());
            Assert.Equal("pass", body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        await postgres.StartAgainAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            status = (await http.GetAsync("/channels")).StatusCode;
        } while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.True(status == HttpStatusCode.OK, string.Join('\n', api.Process.Output.TakeLast(15)));
        Assert.DoesNotContain(api.Process.Output, line => line.Contains("\"StatusCode\":500") || line.Contains("\"status\":500"));
    }
}
