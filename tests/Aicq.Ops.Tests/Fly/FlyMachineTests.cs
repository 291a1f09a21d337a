using System.Net;

namespace Aicq.Ops.Tests.Fly;

/// <summary>
/// One Fly machine, natively: deploy/docker/fly-entrypoint.sh with fly.toml's [env] (ports moved to free ones)
/// runs the built API and edge, and this test plays Fly's proxy, its health checker and its metrics scraper.
/// </summary>
public sealed class FlyMachineTests : IAsyncLifetime
{
    private readonly TempDir _app = new();
    private readonly Dictionary<string, int> _ports = [];
    private Process _machine = null!;

    private string Edge => $"http://127.0.0.1:{_ports["EDGE_HTTP_PORT"]}";

    public async Task InitializeAsync()
    {
        // The image's layout: /app/api and /app/edge hold the published services.
        Directory.CreateSymbolicLink(Path.Combine(_app.Path, "api"), Path.GetDirectoryName(RepoPaths.ProjectDll("Aicq.Api"))!);
        Directory.CreateSymbolicLink(Path.Combine(_app.Path, "edge"), Path.GetDirectoryName(RepoPaths.EdgeBinary())!);
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repo.PathOf("deploy", "docker", "fly-entrypoint.sh"));
        foreach (var (name, value) in FlyConfig.Load().Env) info.Environment[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
        foreach (var name in new[] { "PORT", "METRICS_PORT", "EDGE_HTTP_PORT", "EDGE_INTERNAL_PORT" })
        {
            _ports[name] = FreePort.Next();
            info.Environment[name] = _ports[name].ToString(CultureInfo.InvariantCulture);
        }
        info.Environment["EDGE_TRUSTED_PROXIES"] = "127.0.0.1/32"; // this test is Fly's proxy
        info.Environment["DATABASE_URL"] = await postgres.CreateDatabaseAsync();
        info.Environment["REDIS_URL"] = redis.Url;
        info.Environment["SIGNATURE_WINDOW_SECONDS"] = "90";
        info.Environment["AICQ_APP_DIR"] = _app.Path;
        _machine = Process.Start(info)!;
        _machine.OutputDataReceived += (_, _) => { };
        _machine.ErrorDataReceived += (_, _) => { };
        _machine.BeginOutputReadLine();
        _machine.BeginErrorReadLine();
        TestState.WritePidFile(TestState.Root, $"fly-machine-{_machine.Id}", _machine.Id);
        await WaitUntilAsync(async () => (await ProxiedGetAsync("health")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (!_machine.HasExited) _machine.Kill(entireProcessTree: true);
        await _machine.WaitForExitAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Machine_ServesAgentsThroughTheEdge_AndRedirectsPlainHttp()
    {
        using var health = await ProxiedGetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"healthy\"", await health.Content.ReadAsStringAsync());

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var plain = await http.GetAsync($"{Edge}/health");
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal($"{FlyConfig.Load().EnvString("EDGE_PUBLIC_URL")}/health", plain.Headers.Location?.ToString());

        using var metrics = await ProxiedGetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Fact]
    public async Task FlysChecksAndScraper_FindLivenessAndMetricsOnTheInternalPorts()
    {
        using var http = new HttpClient();
        foreach (var port in new[] { _ports["METRICS_PORT"], _ports["EDGE_INTERNAL_PORT"] })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode);
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            Assert.Contains("aicq_build_info", metrics);
        }
    }

    /// <summary>
    /// Issue 11: the API is reachable only through its edge. With production's environment its public port listens on
    /// loopback alone; only the ports Fly's proxy, checks and scraper use listen on "::". Read from the kernel's socket
    /// tables, so a setting that is ignored or overridden shows up here.
    /// </summary>
    [Fact]
    public void Listeners_ApiPublicPortOnLoopbackOnly_OnlyFlysPortsOnEveryAddress()
    {
        var api = Child("Aicq.Api.dll");
        var edge = Child("edge/Aicq.Edge");
        Assert.Equal(["127.0.0.1"], Listeners.OnPort(api, _ports["PORT"]));
        Assert.Equal(["::"], Listeners.OnPort(api, _ports["METRICS_PORT"]));
        Assert.Equal(["::"], Listeners.OnPort(edge, _ports["EDGE_HTTP_PORT"]));
        Assert.Equal([FlyConfig.Load().EnvString("EDGE_INTERNAL_BIND_ADDRESS")], Listeners.OnPort(edge, _ports["EDGE_INTERNAL_PORT"]));
        // Nothing else: no stray port (an HTTPS port, a second listener) that the checks above would not see.
        Assert.Equal(new[] { _ports["PORT"], _ports["METRICS_PORT"] }.Order(), Listeners.Of(api).Select(e => e.Port).Order());
        Assert.Equal(new[] { _ports["EDGE_HTTP_PORT"], _ports["EDGE_INTERNAL_PORT"] }.Order(), Listeners.Of(edge).Select(e => e.Port).Order());
    }

    [Fact]
    public async Task Sigterm_StopsBothProcessesWithinTheKillTimeout()
    {
        var children = Children();
        Assert.Equal(2, children.Count);

        (await Run.CommandAsync("kill", ["-TERM", _machine.Id.ToString(CultureInfo.InvariantCulture)])).AssertSuccess();

        var killTimeout = FlyConfig.Seconds(FlyConfig.Load().Root["kill_timeout"]);
        await _machine.WaitForExitAsync().WaitAsync(killTimeout);
        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} outlived the machine"));
    }

    [Fact]
    public async Task ApiDying_TakesTheMachineDown_SoFlyRestartsThePair()
    {
        var children = Children();
        var api = Child("Aicq.Api.dll");

        (await Run.CommandAsync("kill", ["-KILL", api.ToString(CultureInfo.InvariantCulture)])).AssertSuccess();

        await _machine.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, _machine.ExitCode);
        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} outlived the machine"));
    }

    private async Task<HttpResponseMessage> ProxiedGetAsync(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Edge}/{path}");
        // What Fly's proxy adds after terminating TLS.
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Fly-Client-IP", "203.0.113.9");
        return await http.SendAsync(request);
    }

    private int Child(string dll) =>
        Children().Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(dll, StringComparison.Ordinal));

    private List<int> Children() =>
        File.ReadAllText($"/proc/{_machine.Id}/task/{_machine.Id}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToList();

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_machine.HasExited, $"the machine's entrypoint exited with {(_machine.HasExited ? _machine.ExitCode : 0)}");
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the machine did not answer through its edge in time");
            await Task.Delay(250);
        }
    }
}
