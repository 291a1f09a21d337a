namespace Aicq.Monitoring.Tests.Support;

internal sealed record AlertRule(
    string Name,
    string File,
    string Expr,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

/// <summary>The alert rules in prometheus/rules/ and the expectations in prometheus/tests/.</summary>
internal static class AlertRules
{
    public static IReadOnlyList<string> RuleFiles { get; } =
        Directory.GetFiles(Repo.PathOf("prometheus", "rules"), "*.yml").Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> TestFiles { get; } =
        Directory.GetFiles(Repo.PathOf("prometheus", "tests"), "*.test.yml").Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<AlertRule> All { get; } = Load();

    /// <summary>Alert names that some unit test case expects to fire (non-empty exp_alerts).</summary>
    public static IReadOnlySet<string> ExpectedFiring { get; } = Expectations(firing: true);

    /// <summary>Alert names that some unit test case expects to stay silent (exp_alerts empty or absent).</summary>
    public static IReadOnlySet<string> ExpectedSilent { get; } = Expectations(firing: false);

    private static List<AlertRule> Load()
    {
        var alerts = new List<AlertRule>();
        foreach (var file in RuleFiles)
        {
            foreach (var group in Yaml.Load(file).Seq("groups").Maps())
            {
                foreach (var rule in group.Seq("rules").Maps().Where(r => r.Get("alert") is not null))
                {
                    alerts.Add(new AlertRule(
                        rule.Str("alert")!,
                        Path.GetFileName(file),
                        rule.Str("expr") ?? "",
                        (rule.Get("labels") as YamlMappingNode).StringMap(),
                        (rule.Get("annotations") as YamlMappingNode).StringMap()));
                }
            }
        }
        return alerts;
    }

    private static HashSet<string> Expectations(bool firing)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in TestFiles)
        {
            foreach (var test in Yaml.Load(file).Seq("tests").Maps())
            {
                if (test.Get("alert_rule_test") is not YamlSequenceNode cases)
                    continue;
                foreach (var testCase in cases.Maps())
                {
                    var expected = testCase.Get("exp_alerts") as YamlSequenceNode;
                    var fires = expected is { Children.Count: > 0 };
                    if (fires == firing)
                        names.Add(testCase.Str("alertname")!);
                }
            }
        }
        return names;
    }
}
