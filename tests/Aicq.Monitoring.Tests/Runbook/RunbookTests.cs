using System.Text.RegularExpressions;
using Aicq.Monitoring.Tests.Support;

namespace Aicq.Monitoring.Tests.Runbook;

public sealed partial class RunbookTests
{
    [Fact]
    public void EveryRunbookUrl_PointsToAHeadingInRunbook()
    {
        var anchors = Repo.Read("docs", "runbook.md").Split('\n')
            .Select(line => HeadingPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => GitHubAnchor(m.Groups[1].Value))
            .ToHashSet();

        var broken = AlertRules.All
            .Where(alert => !anchors.Contains(Anchor(alert.Annotations["runbook_url"]) ?? ""))
            .Select(alert => $"{alert.Name}: {alert.Annotations["runbook_url"]}");
        Assert.Empty(broken);
    }

    [Fact]
    public void EveryRunbookUrl_UsesTheAlertNameAsAnchor()
    {
        var mismatched = AlertRules.All
            .Where(alert => alert.Annotations["runbook_url"] != $"docs/runbook.md#{alert.Name.ToLowerInvariant()}")
            .Select(alert => alert.Name);
        Assert.Empty(mismatched);
    }

    private static string? Anchor(string url)
    {
        var hash = url.IndexOf('#');
        return url.StartsWith("docs/runbook.md#", StringComparison.Ordinal) ? url[(hash + 1)..] : null;
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens.</summary>
    private static string GitHubAnchor(string heading) =>
        NotAnchorCharacter().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotAnchorCharacter();
}
