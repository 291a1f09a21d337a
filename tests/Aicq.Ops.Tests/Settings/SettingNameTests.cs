namespace Aicq.Ops.Tests.Settings;

/// <summary>The README's naming rule (API bare, edge <c>EDGE_</c>, status page <c>STATUS_</c>) against the names each service reads.</summary>
public sealed partial class SettingNameTests
{
    [Fact]
    public async Task EveryServicesSettings_FollowTheReadmesNamingRule_OrAreItsNamedExceptions()
    {
        var api = await DeployedService.Api.SettingsReadAsync();
        var edge = await DeployedService.Edge.SettingsReadAsync();
        var status = await DeployedService.Status.SettingsReadAsync();
        // What every service reads (logging, shutdown, who it is) is shared, and bare in all three.
        var shared = api.Intersect(edge).Intersect(status).ToHashSet();
        Assert.Contains("LOG_LEVEL", shared);
        var exceptions = ReadmeExceptions();

        var wrong = api.Except(shared).Where(n => n.StartsWith("EDGE_", StringComparison.Ordinal) || n.StartsWith("STATUS_", StringComparison.Ordinal))
            .Select(n => $"API: {n}")
            .Concat(edge.Except(shared).Where(n => !n.StartsWith("EDGE_", StringComparison.Ordinal) && !exceptions.Contains(n)).Select(n => $"edge: {n}"))
            .Concat(status.Except(shared).Where(n => !n.StartsWith("STATUS_", StringComparison.Ordinal)).Select(n => $"status page: {n}"))
            .ToList();
        Assert.Empty(wrong);
        // And the README lists no exception that is not one (a renamed or removed setting).
        var stale = exceptions.Where(n => !edge.Contains(n) && !api.Contains(n)).ToList();
        Assert.Empty(stale);
    }

    /// <summary>The names in backticks of the README's "Variable names" section, after "Exceptions".</summary>
    private static HashSet<string> ReadmeExceptions()
    {
        var readme = Repo.Read("README.md");
        var start = readme.IndexOf("### Variable names", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"Variable names\" section");
        var section = readme[start..];
        var end = section.IndexOf("\n#", 3, StringComparison.Ordinal);
        section = end < 0 ? section : section[..end];
        var exceptions = section[section.IndexOf("Exceptions", StringComparison.Ordinal)..];
        return QuotedName().Matches(exceptions).Select(m => m.Groups[1].Value).ToHashSet();
    }

    [GeneratedRegex(@"`([A-Z][A-Z0-9_]+)`")]
    private static partial Regex QuotedName();
}
