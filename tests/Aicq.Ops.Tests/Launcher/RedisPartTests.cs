namespace Aicq.Ops.Tests.Launcher;

/// <summary>
/// The redis part of ./aicq up, started by its own functions in a state folder and on ports of the test's own (never
/// the appliance's): a generated password, a memory cap with noeviction, loopback only; an unauthenticated client is
/// refused, and the API and the redis-exporter, given what the launcher gives them, still work.
/// </summary>
public sealed class RedisPartTests : IAsyncLifetime
{
    private readonly TempDir _state = new();
    private readonly int _port = FreePort.Next();
    private readonly int _exporterPort = FreePort.Next();
    private string _password = "";

    private string PasswordFile => Path.Combine(_state.Path, "secrets", "redis-password");

    public async Task InitializeAsync()
    {
        (await PartAsync("redis_start")).AssertSuccess();
        _password = (await File.ReadAllTextAsync(PasswordFile)).Trim();
    }

    public async Task DisposeAsync()
    {
        await PartAsync("redis_stop; if pid=\"$(pidfile_pid \"$AICQ_RUN/exporter-redis.pid\")\"; then stop_pid \"$pid\" redis-exporter 10; fi");
        _state.Dispose();
    }

    [Fact]
    public async Task Start_GeneratesAPrivatePassword_AndCapsMemoryWithoutEviction_OnLoopbackOnly()
    {
        Assert.Matches("^[0-9a-f]{32}$", _password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state.Path, "redis", "redis.conf")));

        Assert.Equal("maxmemory\n268435456", await CliAsync(_password, "config", "get", "maxmemory"));
        Assert.Equal("maxmemory-policy\nnoeviction", await CliAsync(_password, "config", "get", "maxmemory-policy"));
        Assert.Equal("bind\n127.0.0.1", await CliAsync(_password, "config", "get", "bind"));
        Assert.DoesNotContain(_password, await File.ReadAllTextAsync($"/proc/{await RedisPidAsync()}/cmdline"));
    }

    [Fact]
    public async Task UnauthenticatedOrWrongPassword_IsRefused()
    {
        Assert.StartsWith("NOAUTH Authentication required", await CliAsync(null, "get", "anything"));
        var wrong = await CliAsync("not-the-password", "get", "anything");
        Assert.Contains("WRONGPASS", wrong);
        Assert.Contains("NOAUTH Authentication required", wrong);
    }

    [Fact]
    public async Task TheApiAndTheExporter_WorkWithWhatTheLauncherGivesThem()
    {
        var url = (await PartAsync("redis_url")).AssertSuccess().Output.Trim();
        await using var api = await ApiUnderTest.StartAsync(url);
        var (_, agent) = await api.NewAgentAsync("redis-part");
        await agent.PostMessageAsync(AicqClient.GlobalRoomId, "stored behind a password");
        Assert.Equal("stored behind a password", Assert.Single((await agent.ReadRoomAsync(AicqClient.GlobalRoomId)).Messages).Body);

        (await PartAsync("""
            exporters_render_redis_passwords
            (cd "$AICQ_STATE" && exporter_exec redis </dev/null >>"$AICQ_LOGS/exporters.log" 2>&1) &
            echo "$!" >"$AICQ_RUN/exporter-redis.pid"
            wait_until 20 redis-exporter exporter_answers redis
            """)).AssertSuccess();
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{_exporterPort}/metrics");
        Assert.Contains("\nredis_up 1\n", metrics);
        Assert.Contains("\nredis_memory_max_bytes 2.68435456e+08\n", metrics);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(_state.Path, "secrets", "redis-exporter-passwords.json")));
    }

    [Fact]
    public async Task TheEdgeAndAicqBlocks_WorkWithWhatTheLauncherGivesThem()
    {
        var url = (await PartAsync("redis_url")).AssertSuccess().Output.Trim();
        using var tls = new TempDir();
        var edgeBinary = RepoPaths.EdgeBinary();
        (await Run.CommandAsync(edgeBinary, ["--make-dev-cert", tls.Path])).AssertSuccess();
        var admin = FreePort.Next();
        const string token = "redis-part-admin-token-0123456789";
        await using var edge = ServiceProcess.Start(edgeBinary, new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["EDGE_HTTP_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["EDGE_INTERNAL_PORT"] = admin.ToString(CultureInfo.InvariantCulture),
            ["EDGE_UPSTREAMS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["REDIS_URL"] = url, // as scripts/parts/edge.sh gives it
            ["TLS_CERT_PATH"] = tls.File("server.crt"),
            ["TLS_KEY_PATH"] = tls.File("server.key"),
            ["ADMIN_TOKEN"] = token,
            ["ENV"] = "test",
        });
        await edge.WaitForHttpAsync($"http://127.0.0.1:{admin}/health/ready", TimeSpan.FromSeconds(60));

        var blocks = await Run.AicqAsync(["blocks", "list"], new Dictionary<string, string?>
        {
            ["AICQ_EDGE_INTERNAL_PORT"] = admin.ToString(CultureInfo.InvariantCulture),
            ["AICQ_EDGE_ADMIN_TOKEN"] = token,
        });

        Assert.Contains("\"blocks\"", blocks.AssertSuccess().Output);
    }

    private async Task<string> RedisPidAsync() => (await File.ReadAllTextAsync(Path.Combine(_state.Path, "run", "redis.pid"))).Trim();

    private async Task<string> CliAsync(string? password, params string[] args)
    {
        var result = await Run.CommandAsync("redis-cli", ["--no-auth-warning", "-h", "127.0.0.1", "-p", _port.ToString(CultureInfo.InvariantCulture), .. args],
            environment: new Dictionary<string, string?> { ["REDISCLI_AUTH"] = password });
        return result.Output.Trim();
    }

    // The part's functions in a bash of their own, with the launcher's state variables pointing into the test's folder.
    private Task<RunResult> PartAsync(string body) => Run.CommandAsync("bash", ["-c", $"""
        set -euo pipefail
        AICQ_ROOT='{Repo.Root}' AICQ_STATE='{_state.Path}'
        AICQ_LOGS="$AICQ_STATE/logs" AICQ_RUN="$AICQ_STATE/run" AICQ_SECRETS="$AICQ_STATE/secrets"
        AICQ_REDIS_PORT={_port} AICQ_REDIS_EXPORTER_PORT={_exporterPort}
        mkdir -p "$AICQ_LOGS" "$AICQ_RUN" "$AICQ_SECRETS" && chmod 700 "$AICQ_SECRETS"
        source "$AICQ_ROOT/scripts/lib/ui.sh"
        source "$AICQ_ROOT/scripts/lib/proc.sh"
        source "$AICQ_ROOT/scripts/parts/redis.sh"
        source "$AICQ_ROOT/scripts/parts/exporters.sh"
        {body}
        """]);
}
