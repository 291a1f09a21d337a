namespace Aicq.Ops.Tests.Docs;

/// <summary>What the operations docs tell people to run must exist, and their links must land.</summary>
public sealed partial class DocsTests
{
    private static readonly string[] Documents =
        ["docs/runbook.md", "docs/architecture.md", "compose/README.md", "README.md", "fly.toml", "scripts/lib/ops.sh", "scripts/lib/backup.sh",
         "scripts/lib/deploy.sh", "scripts/lib/fly_apps.sh", "deploy/fly/alertmanager/entrypoint.sh"];

    [Fact]
    public async Task EveryAicqSubcommandInTheDocs_IsOneTheLauncherHas()
    {
        var help = (await Run.AicqAsync(["--help"])).AssertSuccess().Output;
        var known = CommandInHelp().Matches(help).Select(m => m.Groups[1].Value).ToHashSet();
        var unknown = Documents
            .SelectMany(doc => AicqCommand().Matches(Repo.Read(doc)).Select(m => (doc, m.Groups[1].Value)))
            .Where(c => !known.Contains(c.Value))
            .Select(c => $"{c.doc}: ./aicq {c.Value}")
            .Distinct()
            .ToList();
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData("deploy")]
    [InlineData("rollback")]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task EveryOperationsCommand_HasHelp(string command)
    {
        var result = (await Run.AicqAsync([command, "--help"])).AssertSuccess();
        Assert.StartsWith($"Usage: ./aicq {command}", result.Output);
    }

    [Fact]
    public async Task EveryFlagOfAnAicqCommandInTheRunbook_IsInThatCommandsHelp()
    {
        var problems = new List<string>();
        foreach (Match match in AicqCommandLine().Matches(Repo.Read("docs", "runbook.md")))
        {
            var command = match.Groups[1].Value;
            if (command is not ("smoke" or "deploy" or "rollback" or "backup" or "restore")) continue;
            var help = (await Run.AicqAsync([command, "--help"])).Output;
            problems.AddRange(Flag().Matches(match.Groups[2].Value).Select(f => f.Value).Where(f => !help.Contains(f, StringComparison.Ordinal)).Select(f => $"./aicq {command} {f}"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryRunbookLink_PointsToAHeading()
    {
        var runbook = Anchors("docs/runbook.md");
        string[] sources = [.. Documents, "deploy/docker/fly.Dockerfile"];
        // "runbook.md#x" must name a runbook heading; "](#x)" a heading of the document it is in.
        var broken = sources
            .SelectMany(doc => RunbookLink().Matches(Repo.Read(doc)).Select(m => (doc, Anchor: m.Groups[1].Value, Own: m.Value.StartsWith(']'))))
            .Where(l => !(l.Own ? Anchors(l.doc) : runbook).Contains(l.Anchor))
            .Select(l => $"{l.doc}: #{l.Anchor}")
            .ToList();
        Assert.Empty(broken);
    }

    private static HashSet<string> Anchors(string doc) => Repo.Read(doc).Split('\n')
        .Select(line => Heading().Match(line))
        .Where(m => m.Success)
        .Select(m => NotAnchorCharacter().Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-'))
        .ToHashSet();

    [Fact]
    public async Task EveryLauncherCommand_HasItsOwnHelp()
    {
        var help = (await Run.AicqAsync(["--help"])).AssertSuccess().Output;
        var problems = new List<string>();
        foreach (var command in CommandInHelp().Matches(help).Select(m => m.Groups[1].Value))
        {
            var result = await Run.AicqAsync([command, "--help"]);
            if (result.ExitCode != 0 || !result.Output.StartsWith($"Usage: ./aicq {command}", StringComparison.Ordinal)) problems.Add(result.ToString());
        }
        Assert.Empty(problems);
    }

    [Fact]
    public async Task EveryLauncherCommand_IsNamedInTheReadme()
    {
        var help = (await Run.AicqAsync(["--help"])).AssertSuccess().Output;
        var readme = Repo.Read("README.md");
        var missing = CommandInHelp().Matches(help).Select(m => m.Groups[1].Value)
            .Where(command => !readme.Contains($"./aicq {command}", StringComparison.Ordinal) && !readme.Contains($"`{command}", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryDefaultInTheReadmesConfigurationTable_IsTheOneTheApiUses()
    {
        var rows = ConfigurationRow().Matches(Repo.Read("README.md")).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        // Only what the table names, and nothing inherited from the machine running the tests.
        var environment = rows.Keys.ToDictionary(name => name, string? (_) => null);
        environment["DATABASE_URL"] = "postgres://aicq:secret@127.0.0.1:5432/aicq";
        var result = (await Run.CommandAsync("dotnet", [Aicq.Testing.RepoPaths.ProjectDll("Aicq.Api"), "--check-config"], environment: environment)).AssertSuccess();
        var effective = EffectiveSetting().Matches(result.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

        // A URL default may gain its implied parts (redis://host:port -> redis://host:port/0).
        var wrong = rows.Where(row => effective.TryGetValue(row.Key, out var value) && value != row.Value && !value.StartsWith(row.Value + "/", StringComparison.Ordinal))
            .Select(row => $"{row.Key}: README says {row.Value}, the API uses {effective[row.Key]}")
            .ToList();
        Assert.Empty(wrong);
        Assert.Contains("TRUSTED_PROXIES", rows.Keys);
    }

    [GeneratedRegex(@"(?m)^\| `([A-Z0-9_]+)` \| `([^`|]*)` \|")]
    private static partial Regex ConfigurationRow();

    [GeneratedRegex(@"(?m)^  ([A-Z0-9_]+) +(.+)$")]
    private static partial Regex EffectiveSetting();

    [GeneratedRegex(@"(?m)^  ([a-z]+) {2,}")]
    private static partial Regex CommandInHelp();

    [GeneratedRegex(@"\./aicq ([a-z][a-z-]*)")]
    private static partial Regex AicqCommand();

    [GeneratedRegex(@"(?m)\./aicq ([a-z]+)([^\n#`]*)")]
    private static partial Regex AicqCommandLine();

    [GeneratedRegex(@"(?<=\s)--[a-z][a-z-]+")]
    private static partial Regex Flag();

    [GeneratedRegex(@"(?:runbook\.md|\]\()#([a-z0-9-]+)")]
    private static partial Regex RunbookLink();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotAnchorCharacter();
}
