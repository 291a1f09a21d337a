namespace Aicq.Ops.Tests.Launcher;

/// <summary>./aicq blocks against a real edge (its own ports, token and certificate), never the appliance's.</summary>
public sealed class BlocksTests : IAsyncLifetime
{
    private const string Token = "ops-test-admin-token-0123456789";
    private readonly TempDir _tls = new();
    private ServiceProcess _edge = null!;
    private Dictionary<string, string?> _environment = null!;

    public async Task InitializeAsync()
    {
        var edgeBinary = RepoPaths.EdgeBinary();
        (await Run.CommandAsync(edgeBinary, ["--make-dev-cert", _tls.Path])).AssertSuccess();
        int https = FreePort.Next(), http = FreePort.Next(), admin = FreePort.Next();
        _edge = ServiceProcess.Start(edgeBinary, new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = https.ToString(CultureInfo.InvariantCulture),
            ["EDGE_HTTP_PORT"] = http.ToString(CultureInfo.InvariantCulture),
            ["EDGE_INTERNAL_PORT"] = admin.ToString(CultureInfo.InvariantCulture),
            ["EDGE_UPSTREAMS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["REDIS_URL"] = (await SharedServers.RedisAsync()).Url + "/1",
            ["TLS_CERT_PATH"] = _tls.File("server.crt"),
            ["TLS_KEY_PATH"] = _tls.File("server.key"),
            ["ADMIN_TOKEN"] = Token,
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
        });
        await _edge.WaitForHttpAsync($"http://127.0.0.1:{admin}/health/live", TimeSpan.FromSeconds(60));
        _environment = new() { ["AICQ_EDGE_INTERNAL_PORT"] = admin.ToString(CultureInfo.InvariantCulture), ["AICQ_EDGE_ADMIN_TOKEN"] = Token };
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        _tls.Dispose();
    }

    [Fact]
    public async Task List_PrintsTheFieldsItsHelpNames()
    {
        var result = (await Run.AicqAsync(["blocks", "list"], _environment)).AssertSuccess();

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("blocks").ValueKind);
        var help = (await Run.AicqAsync(["blocks", "--help"])).AssertSuccess().Output;
        Assert.Contains("""{"blocks": [{"ip", "blocked_at", "expires_at"}, ...]}""", help);
    }

    [Fact]
    public async Task Lift_OfAnAddressThatIsNotBlocked_SaysSoAndFails()
    {
        var result = await Run.AicqAsync(["blocks", "lift", "203.0.113.7"], _environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("203.0.113.7 is not blocked, so there is nothing to lift", result.Output);
        Assert.DoesNotContain("curl", result.Output);
    }

    [Fact]
    public async Task Lift_WithAWrongToken_NamesTheTokenProblem()
    {
        var result = await Run.AicqAsync(["blocks", "lift", "203.0.113.7"], new Dictionary<string, string?>(_environment) { ["AICQ_EDGE_ADMIN_TOKEN"] = "not-the-token-0123456789" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused the admin token", result.Output);
    }
}
