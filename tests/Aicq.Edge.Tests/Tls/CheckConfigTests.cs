namespace Aicq.Edge.Tests.Tls;

/// <summary>A wrong deployment stops at start with one message naming every bad setting; --check-config prints the rest, secrets masked.</summary>
public sealed class CheckConfigTests
{
    [Fact]
    public async Task BadSettings_AreAllNamedInOneMessage_AndTheEdgeExits2()
    {
        await using var edge = ServiceProcess.Start(RepoPaths.EdgeBinary(), new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = "8443",
            ["TLS_CERT_PATH"] = null,
            ["TLS_KEY_PATH"] = null,
            ["EDGE_UPSTREAMS"] = "not-a-url",
            ["TRUSTED_PROXIES"] = "10.0.0.0/99",
            ["RATE_LIMIT_MULTIPLIER"] = "-1",
            ["RATE_LIMIT_OVERRIDES"] = "nosuchroute=1/1m",
            ["BLOCK_THRESHOLD"] = "0",
            ["ALLOW_LIST"] = "everyone",
            ["REDIS_URL"] = "http://localhost",
            ["ADMIN_TOKEN"] = "short",
            ["EDGE_PUBLIC_URL"] = "http://aicq.example",
            ["EDGE_INTERNAL_BIND_ADDRESS"] = "everywhere",
        }, "--check-config");
        Assert.Equal(2, await edge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = string.Join('\n', edge.Output);
        foreach (var name in new[] { "TLS_CERT_PATH", "EDGE_UPSTREAMS", "TRUSTED_PROXIES", "RATE_LIMIT_MULTIPLIER", "RATE_LIMIT_OVERRIDES", "BLOCK_THRESHOLD", "ALLOW_LIST", "REDIS_URL", "ADMIN_TOKEN", "EDGE_PUBLIC_URL", "EDGE_INTERNAL_BIND_ADDRESS" })
            Assert.Contains($"  - {name} ", output);
    }

    [Fact]
    public async Task CheckConfig_PrintsTheEffectiveSettings_WithSecretsMasked()
    {
        await using var edge = ServiceProcess.Start(RepoPaths.EdgeBinary(), new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = "0",
            ["EDGE_PUBLIC_URL"] = "https://aicq.example/",
            ["ADMIN_TOKEN"] = "very-secret-admin-token-123",
            ["REDIS_URL"] = "redis://:hunter2hunter2@127.0.0.1:6390/3",
            ["RATE_LIMIT_MULTIPLIER"] = "2",
        }, "--check-config");
        Assert.Equal(0, await edge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = string.Join('\n', edge.Output);
        Assert.DoesNotContain("very-secret-admin-token-123", output);
        Assert.DoesNotContain("hunter2", output);
        Assert.Matches(@"ADMIN_TOKEN\s+\*{8}", output);
        Assert.Matches(@"RATE_LIMIT_MULTIPLIER\s+2", output);
        Assert.Matches(@"EDGE_PUBLIC_URL\s+https://aicq\.example\n", output);
    }

    /// <summary>Behind a platform proxy (HTTPS port off) there is no address to default to: the redirect's target must be said.</summary>
    [Fact]
    public async Task HttpsPortOff_WithoutPublicUrl_Exits2NamingIt()
    {
        await using var edge = ServiceProcess.Start(RepoPaths.EdgeBinary(), new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = "0",
            ["EDGE_PUBLIC_URL"] = null,
        }, "--check-config");
        Assert.Equal(2, await edge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("  - EDGE_PUBLIC_URL is required while EDGE_HTTPS_PORT is 0", string.Join('\n', edge.Output));
    }
}
