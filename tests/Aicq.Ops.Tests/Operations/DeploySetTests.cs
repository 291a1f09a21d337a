namespace Aicq.Ops.Tests.Operations;

/// <summary>./aicq deploy of the whole Fly set (aicq, the status page, monitoring) against a recording fake flyctl.</summary>
public sealed class DeploySetTests
{
    private static readonly string[] Order = ["loki", "aicq", "status", "alertmanager", "prometheus", "grafana"];

    [Fact]
    public async Task DeployDryRun_PlansEveryAppInDependencyOrder_AndRunsNothing()
    {
        using var fly = new FakeFly();

        var result = (await Run.AicqAsync(["deploy", "--dry-run"], fly.Environment)).AssertSuccess();

        Assert.Empty(fly.Calls);
        var positions = Order.Select(app => result.Output.IndexOf($"==> {app} (", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, result.Output));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains($"configs:   {Repo.PathOf("deploy", "fly", "render.sh")} --check", result.Output);
        Assert.Contains($"deploy: fly deploy {Repo.PathOf("deploy", "fly", "prometheus")} --config {Repo.PathOf("deploy", "fly", "prometheus", "fly.toml")} --app aicq-prometheus", result.Output);
        Assert.Contains($"deploy: fly deploy {Repo.Root} --config {Repo.PathOf("deploy", "fly", "status", "fly.toml")} --app aicq-status --dockerfile {Repo.PathOf("deploy", "docker", "status.Dockerfile")}", result.Output);
        Assert.Contains("volume: loki_data must exist (fly volumes create loki_data --app aicq-loki", result.Output);
        Assert.Contains("check:  fly status --app aicq-grafana --json", result.Output);
    }

    [Fact]
    public async Task Deploy_OfOneMonitoringApp_DeploysItChecksItAndPrintsTheReleaseItReplaced()
    {
        using var fly = new FakeFly();

        var result = (await Run.AicqAsync(["deploy", "prometheus", "--skip-tests", "--allow-dirty"], fly.Environment)).AssertSuccess();

        Assert.Equal(["volumes", "releases", "deploy", "status", "releases"], fly.Calls.Select(c => c.Split(' ')[0]));
        Assert.Contains(fly.Calls, c => c == $"deploy {Repo.PathOf("deploy", "fly", "prometheus")} --config {Repo.PathOf("deploy", "fly", "prometheus", "fly.toml")} --app aicq-prometheus --dockerfile {Repo.PathOf("deploy", "fly", "prometheus", "Dockerfile")}");
        Assert.Contains("ok: prometheus matches its source", result.Output);
        Assert.Contains($"SUCCESS: {Repo.PathOf("deploy", "fly", "prometheus", "config", "prometheus.yml")} is valid prometheus config file syntax", result.Output);
        Assert.Contains("aicq-prometheus: v3 registry.fly.io/aicq-prometheus:deployment-3 -> v4 registry.fly.io/aicq-prometheus:deployment-4", result.Output);
        Assert.DoesNotContain(fly.Calls, c => c.Contains("--app aicq ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_WhenAMachinesCheckFails_StopsNamingItAndTheReleaseBefore()
    {
        using var fly = new FakeFly(unhealthyApp: "aicq-grafana");
        var environment = new Dictionary<string, string?>(fly.Environment) { ["AICQ_DEPLOY_WAIT_SECONDS"] = "0" };

        var result = await Run.AicqAsync(["deploy", "grafana", "--skip-tests", "--allow-dirty"], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("m-aicq-grafana started checks: healthy=critical", result.Output);
        Assert.Contains("aicq-grafana is not healthy after 0s (above); before this deploy it ran v3", result.Output);
    }

    [Fact]
    public async Task Deploy_WithoutTheAppsVolume_DeploysNothingAndSaysHowToCreateIt()
    {
        using var fly = new FakeFly(missingVolume: "loki_data");

        var result = await Run.AicqAsync(["deploy", "loki", "--skip-tests", "--allow-dirty"], fly.Environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("aicq-loki has no volume loki_data; create it first: fly volumes create loki_data --app aicq-loki --region iad", result.Output);
        Assert.DoesNotContain(fly.Calls, c => c.StartsWith("deploy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_OfAnUnknownApp_IsRefusedNamingTheApps()
    {
        using var fly = new FakeFly();

        var result = await Run.AicqAsync(["deploy", "kibana", "--dry-run"], fly.Environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no app named 'kibana'; apps: loki aicq status alertmanager prometheus grafana", result.Output);
    }

    [Fact]
    public async Task Deploy_OfTheWholeSet_DeploysEveryAppInOrder_WithAicqSmokeTested()
    {
        using var fly = new FakeFly();
        var version = (await Run.CommandAsync("git", ["describe", "--tags", "--always", "--dirty"])).AssertSuccess().Output.Trim();
        await using var redis = await RedisServer.StartAsync();
        await using var api = await ApiUnderTest.StartAsync(redis.Url, new Dictionary<string, string?> { ["AICQ_VERSION"] = version });

        using var state = new TempDir();
        var environment = new Dictionary<string, string?>(fly.Environment) { ["AICQ_DEPLOY_MARKER"] = state.File("previous-image") };

        var result = await Run.AicqAsync(["deploy", "--skip-tests", "--allow-dirty", "--url", api.BaseUrl], environment, TimeSpan.FromMinutes(4));

        result.AssertSuccess();
        var deployed = fly.Calls.Where(c => c.StartsWith("deploy ", StringComparison.Ordinal))
            .Select(c => c.Split(' ').SkipWhile(w => w != "--app").Skip(1).First()).ToList();
        Assert.Equal(["aicq-loki", "aicq", "aicq", "aicq-status", "aicq-alertmanager", "aicq-prometheus", "aicq-grafana"], deployed);
        Assert.Contains("smoke: PASSED", result.Output);
        Assert.Contains("aicq-status: v3 registry.fly.io/aicq-status:deployment-3 -> v4", result.Output);
        Assert.Contains($"Checking '{Repo.PathOf("deploy", "fly", "alertmanager", "config", "alertmanager.yml")}'  SUCCESS", result.Output);
        Assert.Contains($"deployed loki aicq status alertmanager prometheus grafana at {version}", result.Output);
        Assert.Equal(FakeFly.CurrentImage, File.ReadAllText(state.File("previous-image")).Trim());
    }
}
