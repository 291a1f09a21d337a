namespace Aicq.Ops.Tests.Operations;

/// <summary>./aicq deploy and rollback, with a recording stand-in for flyctl and a real API as "production".</summary>
public sealed class DeployTests
{
    [Fact]
    public async Task DeployDryRun_PrintsEveryStepsExactCommand_AndRunsNothing()
    {
        using var fly = new FakeFly();
        var version = await GitVersionAsync();

        var result = (await Run.AicqAsync(["deploy", "--dry-run"], fly.Environment)).AssertSuccess();

        Assert.Empty(fly.Calls);
        var tag = version.Replace('+', '-');
        Assert.Contains($"1. tests:  {Repo.Launcher} test", result.Output);
        Assert.Contains($"2. build:  fly deploy --config {Repo.PathOf("fly.toml")} --app aicq --build-only --push --image-label {tag} --build-arg VERSION={version} --build-arg COMMIT=", result.Output);
        Assert.Contains($"3. deploy: fly deploy --config {Repo.PathOf("fly.toml")} --app aicq --image registry.fly.io/aicq:{tag} --strategy rolling", result.Output);
        Assert.Contains($"4. wait:   until https://aicq.fly.dev/health reports version {version}", result.Output);
        Assert.Contains($"5. smoke:  {Repo.Launcher} smoke https://aicq.fly.dev", result.Output);
        Assert.Contains("on failure after step 3: ./aicq rollback --app aicq", result.Output);
    }

    [Fact]
    public async Task DeployDryRun_OfAModifiedTree_SaysSoLoudly()
    {
        using var fly = new FakeFly();
        using var index = new TempDir();

        var result = (await Run.AicqAsync(["deploy", "--dry-run"], ModifiedTree(fly, index))).AssertSuccess();

        Assert.Empty(fly.Calls);
        Assert.Contains("warning: the working tree has uncommitted changes", result.Output);
        Assert.Contains("a real deploy refuses unless --allow-dirty", result.Output);
    }

    [Fact]
    public async Task Deploy_OfAModifiedTree_IsRefusedBeforeAnythingRuns()
    {
        using var fly = new FakeFly();
        using var index = new TempDir();

        var result = await Run.AicqAsync(["deploy", "--skip-tests"], ModifiedTree(fly, index));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("uncommitted changes (git status): commit or stash them, or release them as", result.Output);
        Assert.Empty(fly.Calls);
    }

    [Fact]
    public async Task RollbackDryRun_NamesTheImageOfTheGivenVersion_AndRunsNothing()
    {
        using var fly = new FakeFly();

        var result = (await Run.AicqAsync(["rollback", "--dry-run", "v1.4.2"], fly.Environment)).AssertSuccess();

        Assert.Empty(fly.Calls);
        Assert.Contains($"fly deploy --config {Repo.PathOf("fly.toml")} --app aicq --image registry.fly.io/aicq:v1.4.2 --strategy rolling", result.Output);
    }

    [Fact]
    public async Task Deploy_WhenTheRollingDeployFails_PrintsTheExactRollbackToThePreviousImage()
    {
        using var fly = new FakeFly(failImageDeploy: true);
        using var state = new TempDir();
        var environment = new Dictionary<string, string?>(fly.Environment) { ["AICQ_DEPLOY_MARKER"] = state.File("previous-image") };

        var result = await Run.AicqAsync(["deploy", "aicq", "--skip-tests", "--allow-dirty", "--url", "http://127.0.0.1:1"], environment);

        Assert.Equal(1, result.ExitCode);
        // What CI's rollback step deploys: the image before this rollout.
        Assert.Equal(FakeFly.CurrentImage, File.ReadAllText(state.File("previous-image")).Trim());
        Assert.Contains("the rolling deploy failed", result.Output);
        Assert.Contains($"./aicq rollback --app aicq {FakeFly.CurrentImage}", result.Output);
        Assert.Contains($"fly deploy --config {Repo.PathOf("fly.toml")} --app aicq --image {FakeFly.CurrentImage} --strategy rolling", result.Output);
        Assert.Contains(fly.Calls, c => c.Contains("--build-only --push", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_WaitsForTheNewVersionAndSmokeTestsIt()
    {
        using var fly = new FakeFly();
        var version = await GitVersionAsync();
        await using var redis = await RedisServer.StartAsync();
        // "Production" after the rolling deploy: an API reporting the version being deployed.
        await using var api = await ApiUnderTest.StartAsync(redis.Url, new Dictionary<string, string?> { ["AICQ_VERSION"] = version });

        var result = await Run.AicqAsync(["deploy", "aicq", "--skip-tests", "--allow-dirty", "--url", api.BaseUrl], fly.Environment, TimeSpan.FromMinutes(4));

        result.AssertSuccess();
        Assert.Contains($"serving {version}", result.Output);
        Assert.Contains("smoke: PASSED", result.Output);
        Assert.Contains($"deployed {version} to aicq", result.Output);
        Assert.Equal(["releases", "deploy", "deploy"], fly.Calls.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task Rollback_WithoutAVersion_DeploysTheNewestEarlierCompleteRelease()
    {
        using var fly = new FakeFly();

        var result = await Run.AicqAsync(["rollback", "--url", $"http://127.0.0.1:{FreePort.Next()}"], fly.Environment, TimeSpan.FromMinutes(2));

        // Nothing answers at the URL, so the smoke test after it fails: the deploy before it is what counts.
        Assert.Contains(fly.Calls, c => c == $"deploy --config {Repo.PathOf("fly.toml")} --app aicq --image {FakeFly.PreviousImage} --strategy rolling");
        Assert.Contains($"Rolling back aicq to {FakeFly.PreviousImage}", result.Output);
    }

    /// <summary>
    /// The checkout as git sees it through an empty index: every tracked file differs from HEAD, so the tree
    /// is "modified" without touching a file of the repository under test.
    /// </summary>
    private static Dictionary<string, string?> ModifiedTree(FakeFly fly, TempDir index) =>
        new(fly.Environment) { ["GIT_INDEX_FILE"] = index.File("index") };

    private static async Task<string> GitVersionAsync() =>
        (await Run.CommandAsync("git", ["describe", "--tags", "--always", "--dirty"])).AssertSuccess().Output.Trim();
}
