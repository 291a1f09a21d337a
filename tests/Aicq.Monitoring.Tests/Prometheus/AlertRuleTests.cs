namespace Aicq.Monitoring.Tests.Prometheus;

public sealed class AlertRuleTests
{
    private static readonly string[] Components =
        ["api", "edge", "postgres", "redis", "prometheus", "alertmanager", "tls", "host", "logs", "status", "canary", "slo"];

    /// <summary>The alerts the monitoring issue asks for; removing one must be a deliberate test change.</summary>
    private static readonly string[] RequiredAlerts =
    [
        "AicqApiHigh5xxRatio", "AicqApiHighLatency", "AicqApiInstanceDown", "AicqApiHealthCheckFailing",
        "AicqEdgeDown", "AicqEdgeProbeFailing", "AicqTlsCertificateExpiringSoon", "AicqTlsCertificateExpiryCritical",
        "AicqEdgeRateLimitSurge", "AicqEdgeBlockSurge", "PostgresDown", "RedisDown", "PostgresConnectionsNearLimit",
        "RedisMemoryNearMaxmemory", "AicqApiRefusingContent", "AicqApiSheddingLoad", "AicqMemoryNearLimit", "AlertmanagerNotificationsFailing", "Watchdog",
        "AicqSloErrorBudgetBurnFast", "AicqSloErrorBudgetBurnSlow", "CanaryFailing",
    ];

    public static TheoryData<string> AlertNames()
    {
        var data = new TheoryData<string>();
        foreach (var alert in AlertRules.All)
            data.Add(alert.Name);
        return data;
    }

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in AlertRules.TestFiles)
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void CheckRules_EveryRuleFile_IsValid()
    {
        var result = Tool.Run(Tool.Promtool, ["check", "rules", .. AlertRules.RuleFiles]).AssertSuccess();
        Assert.DoesNotContain("FAILED", result.Output);
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void RuleUnitTests_Pass(string testFile)
    {
        var result = Tool.Run(Tool.Promtool, ["test", "rules", testFile], workingDirectory: Repo.PathOf("prometheus", "tests"));
        result.AssertSuccess();
        Assert.Contains("SUCCESS", result.Output);
    }

    [Fact]
    public void RequiredAlerts_AreAllDefined()
    {
        var defined = AlertRules.All.Select(a => a.Name).ToHashSet();
        var missing = RequiredAlerts.Where(name => !defined.Contains(name));
        Assert.Empty(missing);
    }

    [Fact]
    public void AlertNames_AreUnique()
    {
        var duplicates = AlertRules.All.GroupBy(a => a.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void EveryAlert_HasSeverityComponentAndAnnotations(string alertName)
    {
        var alert = AlertRules.All.Single(a => a.Name == alertName);

        var severity = Assert.Contains("severity", alert.Labels);
        Assert.Contains(severity, alertName == "Watchdog" ? new[] { "none" } : new[] { "critical", "warning" });
        Assert.Contains(Assert.Contains("component", alert.Labels), Components);
        foreach (var annotation in new[] { "summary", "description", "runbook_url" })
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotations.GetValueOrDefault(annotation)), $"{alertName} has no {annotation}.");
    }

    [Fact]
    public void EveryAlert_HasFiringUnitTest()
    {
        var untested = AlertRules.All.Select(a => a.Name).Where(name => !AlertRules.ExpectedFiring.Contains(name));
        Assert.Empty(untested);
    }

    [Fact]
    public void EveryAlert_HasSilentUnitTest()
    {
        // The Watchdog is the one alert that must never be silent.
        var untested = AlertRules.All.Select(a => a.Name)
            .Where(name => name != "Watchdog" && !AlertRules.ExpectedSilent.Contains(name));
        Assert.Empty(untested);
    }

    [Fact]
    public void UnitTests_OnlyNameAlertsThatExist()
    {
        var defined = AlertRules.All.Select(a => a.Name).ToHashSet();
        var unknown = AlertRules.ExpectedFiring.Concat(AlertRules.ExpectedSilent).Where(name => !defined.Contains(name));
        Assert.Empty(unknown);
    }
}
