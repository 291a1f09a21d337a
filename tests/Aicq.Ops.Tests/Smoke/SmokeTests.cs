namespace Aicq.Ops.Tests.Smoke;

/// <summary><c>./aicq smoke</c> (tools/Aicq.Smoke) against a real API on real PostgreSQL and Redis.</summary>
public sealed class SmokeTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync()
    {
        // Its own Redis: one test stops it.
        _redis = await RedisServer.StartAsync();
        _api = await ApiUnderTest.StartAsync(_redis.Url);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Smoke_AgainstARunningApi_PassesEveryStep_AndSkipsTheEdgeOnlyCheck()
    {
        var result = await Run.AicqAsync(["smoke", _api.BaseUrl], timeout: TimeSpan.FromMinutes(4));

        result.AssertSuccess();
        string[] steps = ["health", "security-headers", "metrics-not-public", "landing", "channels", "docs", "openapi", "register", "post", "read", "search", "private-room", "dm", "delete"];
        Assert.All(steps, step => Assert.Matches($@"(?m)^PASS  {step} ", result.Output));
        Assert.Matches("(?m)^SKIP  rate-limit-headers .*not through the edge", result.Output);
        Assert.Matches(@"(?m)^PASS  health .*checks postgres [0-9.]+ ms, redis [0-9.]+ ms", result.Output);
        Assert.Contains("smoke: PASSED (14 passed, 1 skipped)", result.Output);
    }

    [Fact]
    public async Task Smoke_WithEdgeRequired_FailsOnTheMissingRateLimitHeaders()
    {
        var result = await Run.AicqAsync(["smoke", _api.BaseUrl, "--edge"], timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("(?m)^FAIL  rate-limit-headers .*X-RateLimit-Limit", result.Output);
        Assert.Contains("smoke: FAILED at step 'rate-limit-headers'", result.Output);
    }

    [Fact]
    public async Task Smoke_WithRedisStopped_ExitsNonZeroNamingTheHealthStep()
    {
        await _redis.StopAsync();

        var result = await Run.AicqAsync(["smoke", _api.BaseUrl], timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("(?m)^FAIL  health .*degraded.*redis: fail", result.Output);
        Assert.Matches("(?m)^----  register .*not run", result.Output);
        Assert.Contains("smoke: FAILED at step 'health'", result.Output);
    }

    [Fact]
    public async Task Smoke_WithAnIdentityFile_RegistersTheSameAgentOnEveryRun()
    {
        using var temp = new TempDir();
        var identity = temp.File("smoke-agent.json");

        var first = (await Run.AicqAsync(["smoke", _api.BaseUrl, "--identity", identity], timeout: TimeSpan.FromMinutes(2))).AssertSuccess();
        var second = (await Run.AicqAsync(["smoke", _api.BaseUrl, "--identity", identity], timeout: TimeSpan.FromMinutes(2))).AssertSuccess();

        Assert.Matches(@"(?m)^PASS  register .*\(new\)", first.Output);
        Assert.Matches(@"(?m)^PASS  register .*\(existing\)", second.Output);
        Assert.True(File.Exists(identity));
    }

    [Theory]
    [InlineData(new string[0], "the base URL is missing")]
    [InlineData(new[] { "ftp://example" }, "not an http(s) base URL")]
    [InlineData(new[] { "http://127.0.0.1:1", "--ca-file", "/nonexistent/ca.crt" }, "no such file")]
    public async Task Smoke_WithBadArguments_ExitsTwoWithUsage(string[] args, string message)
    {
        var result = await Run.AicqAsync(["smoke", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output);
        Assert.Contains("Usage: aicq smoke <base-url>", result.Output);
    }

    [Fact]
    public async Task Smoke_WithNothingListening_FailsAtHealth()
    {
        var result = await Run.AicqAsync(["smoke", $"http://127.0.0.1:{FreePort.Next()}"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("smoke: FAILED at step 'health'", result.Output);
    }

    [Fact]
    public async Task ImageHealthcheck_IsZeroForLiveness_AndNonZeroOtherwise()
    {
        var script = Repo.PathOf("deploy", "docker", "healthcheck.sh");
        var port = _api.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, (await Run.CommandAsync("bash", [script, port])).ExitCode);
        Assert.NotEqual(0, (await Run.CommandAsync("bash", [script, port, "/no-such-path"])).ExitCode);
        Assert.NotEqual(0, (await Run.CommandAsync("bash", [script, FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);
    }
}
