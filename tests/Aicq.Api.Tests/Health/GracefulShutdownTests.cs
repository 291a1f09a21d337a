using System.Runtime.InteropServices;

namespace Aicq.Api.Tests.Health;

public sealed class GracefulShutdownTests
{
    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Signal_TurnsReadinessOffAtOnce_KeepsServingDuringTheDelay_ThenExitsCleanly(PosixSignal signal)
    {
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        await using var api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url,
            new Dictionary<string, string?> { ["SHUTDOWN_DELAY_SECONDS"] = "5", ["SHUTDOWN_TIMEOUT_SECONDS"] = "10" });
        using var http = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        await api.Process.SendSignalAsync(signal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        HttpStatusCode readiness;
        do
        {
            readiness = (await http.GetAsync("/health/ready")).StatusCode;
        } while (readiness == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/channels")).StatusCode);

        Assert.Equal(0, await api.Process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }
}
