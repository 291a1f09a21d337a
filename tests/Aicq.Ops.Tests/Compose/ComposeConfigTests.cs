namespace Aicq.Ops.Tests.Compose;

/// <summary>The staging stack as Docker would see it, checked without a Docker engine.</summary>
public sealed partial class ComposeConfigTests
{
    private static readonly string[] DotnetServices = ["api-1", "api-2", "edge", "status"];
    private static readonly string[] Published = ["edge", "grafana", "status"];

    [Fact]
    public async Task DockerComposeConfig_IsValid()
    {
        (await ComposeStack.ComposeAsync("config", "-q")).AssertSuccess();
    }

    [Fact]
    public async Task DockerComposeConfig_WithoutEnvFile_NamesTheMissingSecret()
    {
        using var empty = new TempDir();
        File.WriteAllText(empty.File("none.env"), "");
        var result = await Run.CommandAsync("docker-compose",
            ["--project-directory", ComposeStack.Directory, "--env-file", empty.File("none.env"), "-f", Path.Combine(ComposeStack.Directory, "docker-compose.yml"), "config", "-q"],
            empty.Path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("compose/.env", result.Output);
    }

    [Fact]
    public async Task EveryBindMountAndSecretFile_Exists()
    {
        var stack = await ComposeStack.LoadAsync();
        var missing = new List<string>();
        foreach (var (name, service) in stack.Services)
        {
            foreach (var volume in service.Items("volumes").OfType<YamlScalarNode>().Select(v => v.Value ?? ""))
            {
                var source = volume.Split(':')[0];
                if (Path.IsPathRooted(source) && !File.Exists(source) && !Directory.Exists(source)) missing.Add($"{name}: {source}");
            }
        }
        // Real secret files are never committed: the committed example must be there to copy from.
        foreach (var (name, secret) in stack.Root.MapOrEmpty("secrets").Entries())
        {
            var file = ((YamlMappingNode)secret).Str("file") ?? "";
            if (!File.Exists(file) && !File.Exists(file + ".example")) missing.Add($"secret {name}: {file}(.example)");
        }
        Assert.Empty(missing);
    }

    [Fact]
    public async Task OnlyEdgeGrafanaAndStatus_PublishPorts()
    {
        var stack = await ComposeStack.LoadAsync();
        var publishing = stack.Services.Where(s => s.Value.Items("ports").Count > 0).Select(s => s.Key).Order().ToList();
        Assert.Equal(Published.Order(), publishing);
        var edge = stack.Services["edge"].Items("ports").OfType<YamlMappingNode>().Select(p => (p.Str("published"), p.Str("target"))).ToList();
        Assert.Equal([("443", "443"), ("80", "80")], edge);
    }

    [Fact]
    public async Task ServicesWithoutPublishedPorts_AreOnlyOnTheInternalNetwork()
    {
        var stack = await ComposeStack.LoadAsync();
        Assert.Equal("true", stack.Root.MapOrEmpty("networks").MapOrEmpty("internal").Str("internal"));
        // Alertmanager also needs the way out (Slack, PagerDuty, SMTP) but publishes nothing.
        var exposed = stack.Services
            .Where(s => !Published.Contains(s.Key) && s.Key is not ("alertmanager" or "tls-init"))
            .Where(s => s.Value.Names("networks").Any(n => n != "internal"))
            .Select(s => s.Key);
        Assert.Empty(exposed);
    }

    [Fact]
    public async Task EveryImage_IsPinnedToAVersion()
    {
        var stack = await ComposeStack.LoadAsync();
        // Our own images are built here from pinned base images (DockerfileTests) and tagged AICQ_VERSION.
        var built = stack.Services.Where(s => s.Value.Get("build") is not null).Select(s => s.Value.Str("image")).ToHashSet();
        var unpinned = stack.Services
            .Select(s => (s.Key, Image: s.Value.Str("image") ?? ""))
            .Where(s => !built.Contains(s.Image))
            .Where(s => !PinnedImage().IsMatch(s.Image) || s.Image.EndsWith(":latest", StringComparison.Ordinal))
            .Select(s => $"{s.Key}: '{s.Image}'");
        Assert.Empty(unpinned);
    }

    [Fact]
    public async Task LongRunningServices_HaveRestartPolicyAndTheMachinesMemoryLimit()
    {
        var stack = await ComposeStack.LoadAsync();
        var wrong = stack.Services
            .Where(s => s.Key != "tls-init")
            .Where(s => s.Value.Str("restart") != "unless-stopped" || s.Value.Str("mem_limit") is not ("512m" or "536870912"))
            .Select(s => $"{s.Key}: restart={s.Value.Str("restart")}, mem_limit={s.Value.Str("mem_limit")}");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task DependsOn_WaitsForHealthOfEveryDependencyWithAHealthcheck()
    {
        var stack = await ComposeStack.LoadAsync();
        var problems = new List<string>();
        foreach (var (name, service) in stack.Services)
        {
            foreach (var (dependency, condition) in service.MapOrEmpty("depends_on").Entries())
            {
                var wanted = ((YamlMappingNode)condition).Str("condition");
                var hasHealthcheck = stack.Services[dependency].Get("healthcheck") is not null || DotnetServices.Contains(dependency);
                var expected = dependency == "tls-init" ? "service_completed_successfully" : hasHealthcheck ? "service_healthy" : "service_started";
                if (wanted != expected) problems.Add($"{name} → {dependency}: {wanted} (expected {expected})");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Datastores_HaveHealthchecks_AndRedisPersistsWithoutEviction()
    {
        var stack = await ComposeStack.LoadAsync();
        Assert.NotNull(stack.Services["postgres"].Get("healthcheck"));
        Assert.NotNull(stack.Services["redis"].Get("healthcheck"));
        var command = string.Join(' ', stack.Services["redis"].Items("command").OfType<YamlScalarNode>().Select(s => s.Value));
        Assert.Contains("--appendonly yes", command);
        Assert.Contains("--appendfsync everysec", command);
        Assert.Contains("--maxmemory-policy noeviction", command);
        Assert.Contains("postgres-data:/var/lib/postgresql/data", stack.Services["postgres"].Items("volumes").OfType<YamlScalarNode>().Select(v => v.Value![..v.Value!.LastIndexOf(':')]));
    }

    [Fact]
    public async Task ApiInstances_TrustOnlyTheEdgesFixedAddress()
    {
        var stack = await ComposeStack.LoadAsync();
        var edgeAddress = stack.Services["edge"].MapOrEmpty("networks").MapOrEmpty("internal").Str("ipv4_address");
        Assert.NotNull(edgeAddress);
        foreach (var api in new[] { "api-1", "api-2" })
        {
            Assert.Equal($"{edgeAddress}/32", stack.Environment(api)["TRUSTED_PROXIES"]);
            Assert.Equal("0.0.0.0", stack.Environment(api)["BIND_ADDRESS"]);
        }
    }

    [Fact]
    public async Task EdgeUpstreamsAndStatusProbes_NameApiInstancesOnTheirPort()
    {
        var stack = await ComposeStack.LoadAsync();
        var upstreams = stack.Environment("edge")["EDGE_UPSTREAMS"].Split(',');
        Assert.Equal(["http://api-1:8080", "http://api-2:8080"], upstreams);
        Assert.Equal(stack.Environment("edge")["EDGE_UPSTREAMS"], stack.Environment("status")["STATUS_API_URLS"]);
        Assert.All(new[] { "api-1", "api-2" }, api => Assert.Equal("8080", stack.Environment(api)["PORT"]));
    }

    [GeneratedRegex(@"^[a-z0-9./_-]+:[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*$")]
    private static partial Regex PinnedImage();
}
