using YamlDotNet.RepresentationModel;

namespace Aicq.StatusPage.Tests.Incidents;

/// <summary>Every <c>component</c> label the alert rules use lands on the page component it is decided for.</summary>
public sealed class AlertComponentsTests
{
    /// <summary>A new label in the rules must be decided here: which component's incident its alerts are.</summary>
    private static readonly Dictionary<string, string> Decided = new()
    {
        ["api"] = Catalog.Api, ["slo"] = Catalog.Api,
        ["edge"] = Catalog.Edge, ["tls"] = Catalog.Edge,
        ["postgres"] = Catalog.Postgres, ["redis"] = Catalog.Redis, ["canary"] = Catalog.Canary,
        ["prometheus"] = Catalog.Prometheus, ["alertmanager"] = Catalog.Alertmanager,
        // Log lines a service could not ship to Loki: lost on the services' side, so the platform's, never Loki's.
        ["logs"] = Catalog.Platform,
        ["host"] = Catalog.Platform, ["status"] = Catalog.Platform,
    };

    public static TheoryData<string> RuleLabels()
    {
        var data = new TheoryData<string>();
        foreach (var label in LabelsInRules().Distinct().Order(StringComparer.Ordinal)) data.Add(label);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleLabels))]
    public void ComponentLabelOfTheAlertRules_MapsToItsDecidedComponent(string label)
    {
        Assert.True(Decided.TryGetValue(label, out var component), $"the rules use component=\"{label}\", which no entry here decides");
        Assert.Equal(component, AlertComponents.Map(label));
    }

    [Fact]
    public void LogShippingAlert_IsAPlatformIncident_AndLokiHasNoAlertOfItsOwn()
    {
        Assert.Contains("logs", LabelsInRules());
        Assert.Equal(Catalog.Platform, AlertComponents.Map("logs"));
        Assert.Equal(Catalog.Platform, AlertComponents.Map(" Logs "));
        Assert.DoesNotContain(Catalog.Loki, LabelsInRules());
    }

    private static IEnumerable<string> LabelsInRules()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "prometheus", "rules"), "*.yml"))
            foreach (YamlMappingNode group in Yaml.Load(file).Seq("groups"))
                foreach (YamlMappingNode rule in group.Seq("rules"))
                    if (rule.Get("alert") is not null && rule.Get("labels") is YamlMappingNode labels && labels.Get("component") is YamlScalarNode component)
                        yield return component.Value!;
    }
}
