namespace Aicq.Monitoring.Tests.Fly;

/// <summary>The Prometheus app's rendered config (deploy/fly/prometheus/config) against promtool and the other apps' fly.toml.</summary>
public sealed class FlyPrometheusTests
{
    private static readonly string ConfigPath = FlyApps.Config("prometheus", "prometheus.yml");
    private static readonly YamlMappingNode Config = Yaml.Load(ConfigPath);

    [Fact]
    public void Config_PassesPromtoolCheckConfig_WithEveryRuleFile()
    {
        var result = Tool.Run(Tool.Promtool, ["check", "config", ConfigPath]).AssertSuccess();

        Assert.Contains($"SUCCESS: {Directory.GetFiles(FlyApps.Config("prometheus", "rules"), "*.yml").Length} rule files found", result.Stdout);
    }

    [Fact]
    public void Rules_PassEveryRuleUnitTest()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "rules"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "tests"));
        foreach (var rules in Directory.GetFiles(FlyApps.Config("prometheus", "rules")))
            File.Copy(rules, Path.Combine(dir.Path, "rules", Path.GetFileName(rules)));
        var tests = Directory.GetFiles(Repo.PathOf("prometheus", "tests"), "*.test.yml");
        foreach (var test in tests)
            File.Copy(test, Path.Combine(dir.Path, "tests", Path.GetFileName(test)));

        var result = Tool.Run(Tool.Promtool, ["test", "rules", .. tests.Select(Path.GetFileName).Cast<string>()], Path.Combine(dir.Path, "tests"));

        result.AssertSuccess();
        Assert.Equal(tests.Length, result.Stdout.Split("SUCCESS").Length - 1);
    }

    [Theory]
    [InlineData("aicq-api", "METRICS_PORT")]
    [InlineData("aicq-edge", "EDGE_INTERNAL_PORT")]
    public void ApiAndEdge_AreEveryMachineOfAicq_ThroughPrivateDns_OnTheInternalPort(string job, string portSetting)
    {
        var sd = Assert.Single(Job(job).Seq("dns_sd_configs").Maps());

        Assert.Equal([FlyApps.Internal("aicq")], sd.Seq("names").Strings());
        Assert.Equal("AAAA", sd.Str("type"));
        Assert.Equal(FlyApps.Env("aicq", portSetting), sd.Str("port"));
        Assert.Null(Job(job).Get("static_configs"));
        Assert.Equal("::", FlyApps.Env("aicq", portSetting == "METRICS_PORT" ? "METRICS_BIND_ADDRESS" : "EDGE_INTERNAL_BIND_ADDRESS"));
    }

    [Fact]
    public void StatusPageAndAlertmanager_AreTheirAppsPrivateAddresses()
    {
        Assert.Equal([$"{FlyApps.Internal("status")}:{FlyApps.Env("status", "STATUS_INTERNAL_PORT")}"], Targets("aicq-status"));
        var alertmanager = $"{FlyApps.Internal("alertmanager")}:9093";
        Assert.Equal([alertmanager], Targets("alertmanager"));
        var alerting = Config.Map("alerting").Seq("alertmanagers").Maps().Single().Seq("static_configs").Maps().Single();
        Assert.Equal([alertmanager], alerting.Seq("targets").Strings());
        Assert.Contains("--web.listen-address=:9093", File.ReadAllText(Repo.PathOf("deploy", "fly", "alertmanager", "entrypoint.sh")));
    }

    [Fact]
    public void BlackboxProbe_IsThePublicEdge_ThroughTheExporterInThisMachine_WithTheSystemCaStore()
    {
        Assert.Equal([$"{FlyApps.Env("status", "STATUS_EDGE_URL")}/health"], Targets("blackbox-edge"));
        var replacement = Job("blackbox-edge").Seq("relabel_configs").Maps().Single(r => r.Str("target_label") == "__address__").Str("replacement");
        Assert.Contains($"--web.listen-address={replacement}", File.ReadAllText(Repo.PathOf("deploy", "fly", "prometheus", "entrypoint.sh")));
        var tls = Yaml.Load(FlyApps.Config("prometheus", "blackbox.yml")).Map("modules").Map("https_edge").Map("http").Map("tls_config");
        Assert.Null(tls.Get("ca_file"));
    }

    [Fact]
    public void Storage_IsTheVolume()
    {
        Assert.Equal("/prometheus", FlyApps.MountDestination("prometheus"));
        Assert.Contains("--storage.tsdb.path=/prometheus", File.ReadAllText(Repo.PathOf("deploy", "fly", "prometheus", "entrypoint.sh")));
    }

    private static YamlMappingNode Job(string name) =>
        Config.Seq("scrape_configs").Maps().Single(j => j.Str("job_name") == name);

    private static IEnumerable<string> Targets(string job) =>
        Job(job).Seq("static_configs").Maps().SelectMany(s => s.Seq("targets").Strings());
}
