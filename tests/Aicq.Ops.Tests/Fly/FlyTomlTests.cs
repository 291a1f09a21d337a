namespace Aicq.Ops.Tests.Fly;

/// <summary>fly.toml against what the processes in deploy/docker/fly.Dockerfile actually listen on and do.</summary>
public sealed class FlyTomlTests
{
    private readonly FlyConfig _fly = FlyConfig.Load();

    [Fact]
    public void AppRegionStrategyAndMachine_AreProductions()
    {
        Assert.Equal("aicq", _fly.Root["app"]);
        Assert.Equal("iad", _fly.Root["primary_region"]);
        Assert.Equal("rolling", FlyConfig.Table(_fly.Root, "deploy")["strategy"]);
        var vm = Assert.Single(FlyConfig.Array(_fly.Root, "vm"));
        Assert.Equal("shared-cpu-1x", vm["size"]);
        Assert.Equal("512mb", vm["memory"]);
        Assert.Equal("deploy/docker/fly.Dockerfile", FlyConfig.Table(_fly.Root, "build")["dockerfile"]);
        Assert.True(File.Exists(Repo.PathOf("deploy", "docker", "fly.Dockerfile")));
    }

    [Fact]
    public void Environment_IsProductionWithJsonLogs()
    {
        Assert.Equal("production", _fly.EnvString("ENV"));
        Assert.Equal("json", _fly.EnvString("LOG_FORMAT"));
        Assert.Equal("information", _fly.EnvString("LOG_LEVEL"));
    }

    [Fact]
    public void PublicService_IsTheEdgesHttpPort_WithForcedHttpsAndConcurrency()
    {
        var service = Assert.Single(FlyConfig.Array(_fly.Root, "services"));
        Assert.Equal(_fly.EnvInt("EDGE_HTTP_PORT"), FlyConfig.Int(service, "internal_port"));
        Assert.Equal(0, _fly.EnvInt("EDGE_HTTPS_PORT")); // Fly's proxy terminates TLS
        Assert.Equal(_fly.EnvString("PUBLIC_URL"), _fly.EnvString("EDGE_PUBLIC_URL")); // the redirect names the address agents use
        var ports = FlyConfig.Array(service, "ports");
        var http = Assert.Single(ports, p => FlyConfig.Int(p, "port") == 80);
        Assert.Equal(true, http["force_https"]);
        Assert.Single(ports, p => FlyConfig.Int(p, "port") == 443);
        var concurrency = FlyConfig.Table(service, "concurrency");
        Assert.Equal(200, FlyConfig.Int(concurrency, "soft_limit"));
        Assert.Equal(250, FlyConfig.Int(concurrency, "hard_limit"));
        Assert.True(FlyConfig.Int(service, "min_machines_running") >= 2);
        Assert.Equal("off", service["auto_stop_machines"]);
    }

    [Fact]
    public void Metrics_AreScrapedFromBothInternalPorts_NeverThePublicOne()
    {
        var ports = FlyConfig.Array(_fly.Root, "metrics").Select(m => (FlyConfig.Int(m, "port"), (string)m["path"])).Order().ToList();
        Assert.Equal([(_fly.EnvInt("METRICS_PORT"), "/metrics"), (_fly.EnvInt("EDGE_INTERNAL_PORT"), "/metrics")], ports);
        Assert.DoesNotContain(_fly.EnvInt("EDGE_HTTP_PORT"), ports.Select(p => p.Item1));
    }

    [Fact]
    public void ApiPublicPort_IsLoopbackOnly_WhileBothMetricsPortsListenOnThePrivateNetwork()
    {
        // Past the edge nothing may reach the API's public port; Prometheus scrapes the internal ports over 6PN.
        Assert.Equal("127.0.0.1", _fly.EnvString("BIND_ADDRESS"));
        Assert.Equal("::", _fly.EnvString("METRICS_BIND_ADDRESS"));
        Assert.Equal("::", _fly.EnvString("EDGE_INTERNAL_BIND_ADDRESS"));
    }

    [Fact]
    public void KillTimeout_OutlastsTheApiDrain_AndTheSignalStartsIt()
    {
        Assert.Equal("SIGTERM", _fly.Root["kill_signal"]);
        var drain = TimeSpan.FromSeconds(_fly.EnvInt("SHUTDOWN_TIMEOUT_SECONDS"));
        Assert.True(FlyConfig.Seconds(_fly.Root["kill_timeout"]) > drain, $"kill_timeout must exceed the {drain.TotalSeconds:0} s drain");
    }

    [Fact]
    public void HealthChecks_AreLiveness_NeverTheDependencyCheckingHealthEndpoint()
    {
        var service = Assert.Single(FlyConfig.Array(_fly.Root, "services"));
        Assert.NotEmpty(FlyConfig.Array(service, "tcp_checks"));
        Assert.All(FlyConfig.Array(service, "http_checks"), c => Assert.Equal("/health/live", c["path"]));
        var checks = FlyConfig.Table(_fly.Root, "checks").Values.Cast<TomlTable>().ToList();
        Assert.Equal(
            new[] { _fly.EnvInt("METRICS_PORT"), _fly.EnvInt("EDGE_INTERNAL_PORT") }.Order(),
            checks.Select(c => FlyConfig.Int(c, "port")).Order());
        Assert.All(checks, c => Assert.Equal("/health/live", c["path"]));
    }

    [Fact]
    public void NoSecretIsInFlyToml()
    {
        string[] secrets = ["DATABASE_URL", "REDIS_URL", "ADMIN_TOKEN", "SIGNATURE_WINDOW_SECONDS"];
        Assert.All(secrets, name => Assert.False(_fly.Env.ContainsKey(name), $"{name} must be a Fly secret, not [env]"));
    }
}
