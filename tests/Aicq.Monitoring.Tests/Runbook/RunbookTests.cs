namespace Aicq.Monitoring.Tests.Runbook;

/// <summary>Every alert's runbook link must be clickable from a pager or chat and land on its section.</summary>
public sealed partial class RunbookTests
{
    /// <summary>The docs base the committed rules carry (prometheus/render.sh rewrites it with --docs-base-url).</summary>
    private const string CommittedDocsBase = "https://github.com/aicq/aicq/blob/main/docs";

    private static readonly HashSet<string> Anchors = Repo.Read("docs", "runbook.md").Split('\n')
        .Select(line => HeadingPattern().Match(line))
        .Where(m => m.Success)
        .Select(m => GitHubAnchor(m.Groups[1].Value))
        .ToHashSet();

    [Fact]
    public void EveryRunbookUrl_IsAbsolute_AndItsAnchorIsAHeadingInTheRunbook()
    {
        var broken = AlertRules.All
            .Where(alert => !LandsInRunbook(alert.Annotations["runbook_url"]))
            .Select(alert => $"{alert.Name}: {alert.Annotations["runbook_url"]}");
        Assert.Empty(broken);
    }

    [Fact]
    public void EveryRunbookUrl_IsTheCommittedDocsBase_WithTheAlertNameAsAnchor()
    {
        var mismatched = AlertRules.All
            .Where(alert => alert.Annotations["runbook_url"] != $"{CommittedDocsBase}/runbook.md#{alert.Name.ToLowerInvariant()}")
            .Select(alert => alert.Name);
        Assert.Empty(mismatched);
    }

    [Fact]
    public void RenderedRules_WithADocsBaseUrl_LinkThereAndStayValid()
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, "local", "--docs-base-url", "https://docs.example.com/aicq/");

        var rules = Directory.GetFiles(dir.File("rules"), "*.yml");
        Assert.Equal(AlertRules.RuleFiles.Select(Path.GetFileName).Order(), rules.Select(Path.GetFileName).Order());
        Tool.Run(Tool.Promtool, ["check", "rules", .. rules]).AssertSuccess();
        var urls = rules.SelectMany(RunbookUrls).ToList();
        Assert.Equal(AlertRules.All.Count, urls.Count);
        Assert.All(urls, url =>
        {
            Assert.StartsWith("https://docs.example.com/aicq/runbook.md#", url);
            Assert.True(LandsInRunbook(url), url);
        });
    }

    [Fact]
    public void RenderedRules_ByDefault_AreTheCommittedOnes()
    {
        using var dir = new TempDir();
        Renderer.RenderPrometheus(dir, "compose");

        foreach (var committed in AlertRules.RuleFiles)
            Assert.Equal(File.ReadAllText(committed), File.ReadAllText(dir.File(Path.Combine("rules", Path.GetFileName(committed)))));
    }

    private static bool LandsInRunbook(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && uri.AbsolutePath.EndsWith("/runbook.md", StringComparison.Ordinal) && Anchors.Contains(uri.Fragment.TrimStart('#'));

    private static IEnumerable<string> RunbookUrls(string ruleFile) =>
        Yaml.Load(ruleFile).Seq("groups").Maps()
            .SelectMany(group => group.Seq("rules").Maps())
            .Select(rule => (rule.Get("annotations") as YamlMappingNode).StringMap().GetValueOrDefault("runbook_url"))
            .OfType<string>();

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens.</summary>
    private static string GitHubAnchor(string heading) =>
        NotAnchorCharacter().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotAnchorCharacter();
}
