namespace Aicq.StatusPage.Tests.Probing;

public sealed class HealthBodyReaderTests
{
    private static HealthBody Read(string body) => HealthBodyReader.Read(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void AicqHealth_IsReadWithChecksLatenciesAndMessages()
    {
        var body = Read("""{"status":"degraded","version":"1.0","checks":{"postgres":{"status":"pass","latency":1.25},"redis":{"status":"fail","latency":1001,"message":"timed out"}},"timestamp":1}""");
        Assert.True(body.IsAicqHealth);
        Assert.Equal(BodyVerdict.Degraded, body.Verdict);
        Assert.Equal(new DependencyReport(true, 1.25, null), body.Checks["postgres"]);
        Assert.Equal(new DependencyReport(false, 1001, "timed out"), body.Checks["redis"]);
    }

    [Theory]
    [InlineData("\"2ms\"", 2)]
    [InlineData("\"1.234ms\"", 1.234)]
    [InlineData("\"512.5\u00b5s\"", 0.5125)]
    [InlineData("\"1.5s\"", 1500)]
    [InlineData("0.98", 0.98)]
    public void AicqHealth_LatencyAsAGoDurationOrAnOlderServersNumber_IsReadAsMilliseconds(string latencyJson, double expectedMs)
    {
        var body = Read($$$"""{"status":"healthy","version":"1.0","checks":{"redis":{"status":"pass","latency":{{{latencyJson}}}}},"timestamp":"2026-12-01T21:50:00Z"}""");
        Assert.Equal(BodyVerdict.Healthy, body.Verdict);
        Assert.Equal(expectedMs, body.Checks["redis"].LatencyMs!.Value, 6);
    }

    [Fact]
    public void AicqHealth_UnreadableLatency_IsNoLatency_AndTheCheckStillCounts()
    {
        var body = Read("""{"status":"healthy","checks":{"redis":{"status":"pass","latency":"soon"}},"timestamp":"2026-12-01T21:50:00Z"}""");
        Assert.Equal(new DependencyReport(true, null, null), body.Checks["redis"]);
    }

    [Fact]
    public void HealthChecksUiFormat_IsRead()
    {
        var body = Read("""{"status":"Unhealthy","totalDuration":"00:00:00.0200000","entries":{"redis":{"status":"Unhealthy","duration":"00:00:00.0150000","description":"unreachable"},"shutdown":{"status":"Healthy","duration":"00:00:00.0001000"}}}""");
        Assert.False(body.IsAicqHealth);
        Assert.Equal(BodyVerdict.Degraded, body.Verdict);
        Assert.Equal(15, body.Checks["redis"].LatencyMs!.Value, 3);
        Assert.False(body.Checks["redis"].Passing);
        Assert.True(body.Checks["shutdown"].Passing);
    }

    [Fact]
    public void RawErrorTextAndOddCheckNames_AreNeverKept()
    {
        var body = Read("""{"status":"degraded","checks":{"redis":{"status":"fail","message":"It was not possible to connect to the redis server(s) 10.0.0.5:6379"},"<script>":{"status":"fail"}}}""");
        Assert.Equal("failing", body.Checks["redis"].Message);
        Assert.DoesNotContain("<script>", body.Checks.Keys);
    }

    [Theory]
    [InlineData("""{"database":"ok","version":"11.0.0"}""", BodyVerdict.Healthy)]
    [InlineData("""{"database":"failing"}""", BodyVerdict.Degraded)]
    [InlineData("Prometheus Server is Healthy.", BodyVerdict.Unknown)]
    [InlineData("{not json", BodyVerdict.Unknown)]
    [InlineData("", BodyVerdict.Unknown)]
    public void OtherBodies_GiveAVerdictOrNone(string text, BodyVerdict expected)
    {
        Assert.Equal(expected, Read(text).Verdict);
    }
}
