namespace Aicq.Ops.Tests.Ci;

/// <summary>.github/workflows/ci.yml: it parses, tests every push the way .ci/run does, and deploys only main after that.</summary>
public sealed partial class WorkflowTests
{
    private static readonly YamlMappingNode Workflow = Yaml.Parse(Repo.Read(".github", "workflows", "ci.yml"), "ci.yml");
    private static readonly YamlMappingNode Jobs = (YamlMappingNode)Workflow.Get("jobs")!;

    [Fact]
    public void EveryPush_RunsTheTestsThroughCiRun()
    {
        var on = (YamlMappingNode)Workflow.Get("on")!;
        Assert.NotNull(on.Get("push"));
        Assert.False(on.Get("push") is YamlMappingNode push && (push.Get("branches") is not null || push.Get("paths") is not null), "every push, every branch");

        Assert.Contains(Runs("test"), run => run.EndsWith("bash .ci/run", StringComparison.Ordinal));
        var ciRun = Repo.Read(".ci", "run");
        Assert.Contains("./aicq install", ciRun);
        Assert.Contains("./aicq test", ciRun);
    }

    [Fact]
    public void Deploy_NeedsTheTests_AndRunsOnlyForPushesToMain()
    {
        var deploy = Job("deploy");

        Assert.Equal("test", deploy.Str("needs"));
        Assert.Equal("github.ref == 'refs/heads/main' && github.event_name == 'push'", deploy.Str("if"));
        Assert.Equal("false", ((YamlMappingNode)deploy.Get("concurrency")!).Str("cancel-in-progress"));
    }

    [Fact]
    public void Deploy_ThenSmoke_ThenRollbackOnlyOnFailure_WithTheLaunchersCommands()
    {
        var steps = Steps("deploy").ToList();
        var deploy = steps.FindIndex(s => s.Str("run")?.Contains("./aicq deploy --skip-tests", StringComparison.Ordinal) == true);
        var smoke = steps.FindIndex(s => s.Str("run")?.StartsWith("./aicq smoke https://aicq.fly.dev", StringComparison.Ordinal) == true);
        var rollback = steps.FindIndex(s => s.Str("run")?.StartsWith("./aicq rollback", StringComparison.Ordinal) == true);

        Assert.True(deploy >= 0 && deploy < smoke && smoke < rollback, "deploy, smoke, rollback in this order");
        Assert.StartsWith("failure() && hashFiles('.aicq/deploy/aicq-previous-image')", steps[rollback].Str("if"));
        Assert.Null(steps[deploy].Get("if"));
        Assert.Null(steps[smoke].Get("if"));
        // The marker the rollback reads is the one ./aicq deploy writes.
        Assert.Contains("$AICQ_STATE/deploy/aicq-previous-image", Repo.Read("scripts", "lib", "deploy.sh"));
    }

    [Fact]
    public async Task EveryLauncherCommandTheWorkflowCalls_Exists_AndEveryActionIsPinned()
    {
        var help = (await Run.AicqAsync(["--help"])).AssertSuccess().Output;
        var commands = Jobs.Entries().SelectMany(job => Runs(job.Key)).SelectMany(run => AicqCall().Matches(run).Select(m => m.Groups[1].Value)).ToList();

        Assert.Equal(["deploy", "smoke", "rollback"], commands.Distinct());
        Assert.All(commands, command => Assert.Matches($@"(?m)^  {command} ", help));
        var uses = Jobs.Entries().SelectMany(job => Steps(job.Key)).Select(s => s.Str("uses")).OfType<string>().ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, action => Assert.Matches(@"^[\w-]+/[\w/-]+@v\d+$", action));
        Assert.All(Jobs.Entries(), job => Assert.NotNull(((YamlMappingNode)job.Value).Str("runs-on")));
    }

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Jobs.Get(name)!;

    private static IEnumerable<YamlMappingNode> Steps(string job) => Job(job).Items("steps").Cast<YamlMappingNode>();

    private static IEnumerable<string> Runs(string job) => Steps(job).Select(s => s.Str("run")).OfType<string>();

    [GeneratedRegex(@"\./aicq ([a-z]+)")]
    private static partial Regex AicqCall();
}
