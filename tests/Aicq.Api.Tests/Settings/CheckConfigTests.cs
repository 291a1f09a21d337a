namespace Aicq.Api.Tests.Settings;

public sealed class CheckConfigTests
{
    private const string GoodDatabase = "postgres://aicq:s3cret-password@127.0.0.1:5432/aicq?sslmode=disable";

    [Theory]
    [InlineData("DATABASE_URL", "")]
    [InlineData("DATABASE_URL", "mysql://aicq@127.0.0.1/aicq")]
    [InlineData("DATABASE_URL", "postgres://aicq@127.0.0.1:5432/")]
    [InlineData("DATABASE_URL", "postgres://aicq@127.0.0.1:5432/aicq?sslmode=sometimes")]
    [InlineData("DATABASE_URL", "postgres://aicq@127.0.0.1:5432,127.0.0.1:x/aicq")]
    [InlineData("DATABASE_URL", "postgres://aicq@127.0.0.1:5432,127.0.0.1:5433/aicq?target_session_attrs=standby")]
    [InlineData("DATABASE_REPLICA_URL", "mysql://aicq@127.0.0.1/aicq")]
    [InlineData("DATABASE_REPLICA_URL", "postgres://aicq@127.0.0.1:5432/aicq?target_session_attrs=sometimes")]
    [InlineData("REDIS_URL", "http://127.0.0.1:6379")]
    [InlineData("REDIS_URL", "redis://127.0.0.1:6379/db")]
    [InlineData("REDIS_URL", "redis://127.0.0.1:6379,")]
    [InlineData("REDIS_URL", "redis://127.0.0.1:6379,127.0.0.2:port")]
    [InlineData("REDIS_URL", "redis://127.0.0.1:6379,127.0.0.2:6379/1")]
    [InlineData("PORT", "abc")]
    [InlineData("PORT", "70000")]
    [InlineData("METRICS_PORT", "5080")]
    [InlineData("SIGNATURE_WINDOW_SECONDS", "0")]
    [InlineData("ADMIN_AGENT_ID", "not-a-uuid")]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("LOG_FORMAT", "xml")]
    [InlineData("ENV", "moon")]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/99")]
    [InlineData("BIND_ADDRESS", "everywhere")]
    [InlineData("BIND_ADDRESS", "127.1")]
    [InlineData("METRICS_BIND_ADDRESS", "everywhere")]
    [InlineData("METRICS_BIND_ADDRESS", "localhost")]
    [InlineData("METRICS_BIND_ADDRESS", "1")]
    [InlineData("SHUTDOWN_TIMEOUT_SECONDS", "-1")]
    [InlineData("MAX_CONCURRENT_REQUESTS", "0")]
    [InlineData("REQUEST_QUEUE_LIMIT", "many")]
    [InlineData("MIN_CONCURRENT_REQUESTS", "65")]
    [InlineData("REQUEST_QUEUE_DEADLINE_MS", "0")]
    [InlineData("REQUEST_QUEUE_TARGET_MS", "300")]
    [InlineData("PUBLIC_URL", "127.0.0.1:8443")]
    [InlineData("PUBLIC_URL", "ftp://aicq.example")]
    [InlineData("PUBLIC_URL", "https://aicq.example/?x=1")]
    public async Task CheckConfig_WithBadSetting_NamesItAndExitsNonZero(string name, string value)
    {
        var (exitCode, output) = await RunAsync(new() { [name] = value }, "--check-config");
        Assert.Equal(2, exitCode);
        Assert.Contains(output, line => line.Contains($"  - {name} "));
    }

    [Fact]
    public async Task CheckConfig_InProduction_RefusesAPlainHttpPublicUrl()
    {
        var (exitCode, output) = await RunAsync(new() { ["ENV"] = "production", ["PUBLIC_URL"] = "http://aicq.example" }, "--check-config");
        Assert.Equal(2, exitCode);
        Assert.Contains(output, line => line.Contains("  - PUBLIC_URL must be https in production"));
    }

    [Fact]
    public async Task Startup_WithSeveralBadSettings_NamesEveryOneInOneMessage()
    {
        var (exitCode, output) = await RunAsync(new() { ["PORT"] = "x", ["REDIS_URL"] = "nope", ["LOG_FORMAT"] = "xml" });
        Assert.Equal(2, exitCode);
        Assert.Contains(output, line => line.Contains("invalid configuration (3 problem(s))"));
        foreach (var name in new[] { "PORT", "REDIS_URL", "LOG_FORMAT" })
            Assert.Contains(output, line => line.Contains($"  - {name} "));
    }

    [Fact]
    public async Task CheckConfig_WithGoodSettings_PrintsEffectiveSettingsWithSecretsMasked()
    {
        var (exitCode, output) = await RunAsync(new() { ["REDIS_URL"] = "redis://:redis-pass-123@127.0.0.1:6379/2" }, "--check-config");
        Assert.Equal(0, exitCode);
        var text = string.Join('\n', output);
        Assert.Contains("DATABASE_URL", text);
        Assert.Contains("postgres://aicq:********@127.0.0.1:5432/aicq", text);
        Assert.DoesNotContain("s3cret-password", text);
        Assert.DoesNotContain("redis-pass-123", text);
        Assert.Contains("SIGNATURE_WINDOW_SECONDS", text);
        Assert.Matches(@"PUBLIC_URL +https://127\.0\.0\.1:8443\n", text + "\n"); // the edge of ./aicq up unless set
        Assert.Matches(@"BIND_ADDRESS +127\.0\.0\.1\n", text + "\n");
        Assert.Matches(@"METRICS_BIND_ADDRESS +127\.0\.0\.1\n", text + "\n");
    }

    [Fact]
    public async Task CheckConfig_PrintsEachPortsOwnBindAddress()
    {
        var (exitCode, output) = await RunAsync(new() { ["BIND_ADDRESS"] = "127.0.0.1", ["METRICS_BIND_ADDRESS"] = "::" }, "--check-config");
        Assert.Equal(0, exitCode);
        var text = string.Join('\n', output) + "\n";
        Assert.Matches(@"\n +BIND_ADDRESS +127\.0\.0\.1\n", text);
        Assert.Matches(@"METRICS_BIND_ADDRESS +::\n", text);
    }

    private static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = GoodDatabase,
            ["REDIS_URL"] = "redis://127.0.0.1:6379",
            ["PORT"] = "5080",
            ["METRICS_PORT"] = "9091",
        };
        foreach (var (name, value) in settings) environment[name] = value;
        await using var process = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), environment, args);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100); // let the last output lines arrive
        return (exitCode, process.Output);
    }
}
