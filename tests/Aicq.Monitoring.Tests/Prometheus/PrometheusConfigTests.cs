namespace Aicq.Monitoring.Tests.Prometheus;

public sealed class PrometheusConfigTests
{
    private static readonly string[] Jobs =
        ["aicq-api", "aicq-edge", "aicq-status", "postgres", "redis", "node", "blackbox-edge", "alertmanager", "prometheus"];

    [Fact]
    public void CheckConfig_ComposeVariant_IsValid()
    {
        // The committed file is the compose variant; its relative rule path resolves next to it.
        var result = Tool.Run(Tool.Promtool, ["check", "config", Repo.PathOf("prometheus", "prometheus.yml")]).AssertSuccess();
        Assert.Contains($"{AlertRules.RuleFiles.Count} rule files found", result.Output);
    }

    [Fact]
    public void CheckConfig_LocalVariant_IsValid()
    {
        using var dir = new TempDir();
        var config = Renderer.RenderPrometheus(dir, "local");

        var result = Tool.Run(Tool.Promtool, ["check", "config", config]).AssertSuccess();
        Assert.Contains($"{AlertRules.RuleFiles.Count} rule files found", result.Output);
    }

    [Fact]
    public void Render_ComposeVariant_IsTheCommittedFiles()
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, "compose");

        Assert.Equal(Repo.Read("prometheus", "prometheus.yml"), File.ReadAllText(dir.File("prometheus.yml")));
        Assert.Equal(Repo.Read("prometheus", "blackbox.yml"), File.ReadAllText(dir.File("blackbox.yml")));
    }

    [Fact]
    public void Render_WithDrillIntervals_SetsGlobalIntervals()
    {
        using var dir = new TempDir();
        var config = Renderer.RenderPrometheus(dir, "local", "--scrape-interval", "1s", "--evaluation-interval", "1s");

        Tool.Run(Tool.Promtool, ["check", "config", config]).AssertSuccess();
        var global = Yaml.Load(config).Map("global");
        Assert.Equal("1s", global.Str("scrape_interval"));
        Assert.Equal("1s", global.Str("evaluation_interval"));
    }

    [Fact]
    public void Render_RejectsAnIntervalThatIsNotADuration()
    {
        using var dir = new TempDir();
        var result = Tool.RunExecutable("/bin/bash", [Repo.PathOf("prometheus", "render.sh"), "local", dir.Path, "--scrape-interval", "fast"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not a duration", result.Stderr);
    }

    [Fact]
    public void ComposeVariant_ScrapesComposeServices()
    {
        var config = Yaml.Load(Repo.PathOf("prometheus", "prometheus.yml"));

        AssertTargets(config, new()
        {
            ["prometheus"] = ["localhost:9090"],
            ["alertmanager"] = ["alertmanager:9093"],
            ["aicq-api"] = ["api-1:9091", "api-2:9091"],
            ["aicq-edge"] = ["edge:9092"],
            ["aicq-status"] = ["status:9094"],
            ["postgres"] = ["postgres-exporter:9187"],
            ["redis"] = ["redis-exporter:9121"],
            ["node"] = ["node-exporter:9100"],
            ["blackbox-edge"] = ["https://edge/health"],
        });
        Assert.Equal("blackbox-exporter:9115", BlackboxExporterAddress(config));
        Assert.Equal(["alertmanager:9093"], AlertmanagerTargets(config));
        Assert.Equal("production", config.Map("global").Map("external_labels").Str("env"));
    }

    [Fact]
    public void LocalVariant_ScrapesLoopbackPorts()
    {
        using var dir = new TempDir();
        var config = Yaml.Load(Renderer.RenderPrometheus(dir, "local"));

        AssertTargets(config, new()
        {
            ["prometheus"] = ["127.0.0.1:9090"],
            ["alertmanager"] = ["127.0.0.1:9093"],
            ["aicq-api"] = ["127.0.0.1:9091", "127.0.0.1:9095"],
            ["aicq-edge"] = ["127.0.0.1:9092"],
            ["aicq-status"] = ["127.0.0.1:9094"],
            ["postgres"] = ["127.0.0.1:9187"],
            ["redis"] = ["127.0.0.1:9121"],
            ["node"] = ["127.0.0.1:9100"],
            ["blackbox-edge"] = ["https://127.0.0.1:8443/health"],
        });
        Assert.Equal("127.0.0.1:9115", BlackboxExporterAddress(config));
        Assert.Equal(["127.0.0.1:9093"], AlertmanagerTargets(config));
        Assert.Equal("local", config.Map("global").Map("external_labels").Str("env"));
        // Relative to the rendered prometheus.yml: render.sh writes the rules next to it.
        Assert.Equal(["rules/*.yml"], config.Seq("rule_files").Strings());
        Assert.Equal(AlertRules.RuleFiles.Count, Directory.GetFiles(dir.File("rules"), "*.yml").Length);
    }

    [Theory]
    [InlineData("compose", "/etc/aicq/tls/ca.crt")]
    [InlineData("local", ".aicq/tls/ca.crt")]
    public void Blackbox_ProbesEdgeWithTheApplianceCa(string variant, string caFile)
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, variant);

        var module = Yaml.Load(dir.File("blackbox.yml")).Map("modules").Map("https_edge");
        Assert.Equal("http", module.Str("prober"));
        var http = module.Map("http");
        Assert.Equal("true", http.Str("fail_if_not_ssl"));
        var expected = Path.IsPathRooted(caFile) ? caFile : Repo.PathOf(caFile.Split('/'));
        Assert.Equal(expected, http.Map("tls_config").Str("ca_file"));
        Assert.Null(http.Map("tls_config").Str("insecure_skip_verify"));
    }

    [Fact]
    public void Blackbox_CaFileOverride_IsApplied()
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, "local", "--ca-file", "/srv/tls/appliance-ca.pem");

        var tls = Yaml.Load(dir.File("blackbox.yml")).Map("modules").Map("https_edge").Map("http").Map("tls_config");
        Assert.Equal("/srv/tls/appliance-ca.pem", tls.Str("ca_file"));
    }

    [Theory]
    [InlineData("compose")]
    [InlineData("local")]
    public void BlackboxConfig_IsValid(string variant)
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, variant);

        Tool.Run(Tool.Blackbox, [$"--config.file={dir.File("blackbox.yml")}", "--config.check"]).AssertSuccess();
    }

    private static void AssertTargets(YamlMappingNode config, Dictionary<string, string[]> expected)
    {
        var actual = config.Seq("scrape_configs").Maps().ToDictionary(
            job => job.Str("job_name")!,
            job => job.Seq("static_configs").Maps().SelectMany(s => s.Seq("targets").Strings()).ToArray());
        Assert.Equal(Jobs.Order(), actual.Keys.Order());
        foreach (var (job, targets) in expected)
            Assert.Equal(targets, actual[job]);
    }

    private static string? BlackboxExporterAddress(YamlMappingNode config) =>
        config.Seq("scrape_configs").Maps().Single(j => j.Str("job_name") == "blackbox-edge")
            .Seq("relabel_configs").Maps().Single(r => r.Str("target_label") == "__address__").Str("replacement");

    private static string[] AlertmanagerTargets(YamlMappingNode config) =>
        config.Map("alerting").Seq("alertmanagers").Maps()
            .SelectMany(a => a.Seq("static_configs").Maps())
            .SelectMany(s => s.Seq("targets").Strings()).ToArray();
}
