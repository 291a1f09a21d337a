namespace Aicq.Monitoring.Tests.Grafana;

public sealed class DashboardTests
{
    private static readonly string[] RequiredDashboards = ["aicq-overview", "aicq-edge", "aicq-dependencies", "aicq-slo", "aicq-logs"];

    [Fact]
    public void RequiredDashboards_ExistWithUniqueUids()
    {
        var uids = Dashboards.Files.Select(f => Dashboards.Load(f).GetProperty("uid").GetString()).ToArray();
        Assert.Equal(uids.Length, uids.Distinct().Count());
        Assert.Empty(RequiredDashboards.Except(uids));
    }

    [Fact]
    public void EveryDashboard_HasTitleSchemaAndLaidOutPanels()
    {
        foreach (var file in Dashboards.Files)
        {
            var dashboard = Dashboards.Load(file);
            Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()), file);
            Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 36, file);
            var panels = Dashboards.Panels(dashboard).ToArray();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in panels)
            {
                Assert.True(panel.TryGetProperty("type", out _), $"{file}: a panel has no type.");
                var grid = panel.GetProperty("gridPos");
                Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            }
        }
    }

    [Fact]
    public void EveryPanelTarget_HasExprAndProvisionedDatasource()
    {
        var provisioned = ProvisionedDatasourceUids();
        foreach (var file in Dashboards.Files)
        {
            foreach (var panel in Dashboards.Panels(Dashboards.Load(file)).Where(p => p.GetProperty("type").GetString() != "row"))
            {
                var title = panel.GetProperty("title").GetString();
                Assert.Contains(Dashboards.DatasourceUid(panel) ?? "(none)", provisioned);
                Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    Assert.Contains(Dashboards.DatasourceUid(target) ?? "(none)", provisioned);
                    Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString()), $"{file}: '{title}' has a target without expr.");
                }
            }
        }
    }

    [Fact]
    public void PrometheusQueries_UseNoDashboardVariables()
    {
        // They run verbatim against Prometheus in the live-appliance test.
        var withVariables = Dashboards.Queries.Where(q => q.DatasourceUid == Dashboards.PrometheusUid && q.Expr.Contains('$'));
        Assert.Empty(withVariables);
    }

    [Fact]
    public void PrometheusQueries_AreValidPromQl()
    {
        // promtool has no "check expression"; a recording rule per query gets the real parser.
        var queries = Dashboards.Queries.Where(q => q.DatasourceUid == Dashboards.PrometheusUid).ToArray();
        Assert.NotEmpty(queries);
        using var dir = new TempDir();
        var rules = dir.File("dashboard-queries.yml");
        using (var writer = new StreamWriter(rules))
        {
            writer.WriteLine("groups:\n  - name: dashboard-queries\n    rules:");
            for (var i = 0; i < queries.Length; i++)
            {
                writer.WriteLine($"      - record: dashboard:query_{i}");
                writer.WriteLine($"        expr: {JsonSerializer.Serialize(queries[i].Expr)}");
            }
        }

        Tool.Run(Tool.Promtool, ["check", "rules", rules]).AssertSuccess();
    }

    [Fact]
    public void LogsDashboard_FiltersByRequestIdTextbox()
    {
        var dashboard = Dashboards.Load(Repo.PathOf("grafana", "dashboards", "aicq-logs.json"));

        var variable = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "request_id");
        Assert.Equal("textbox", variable.GetProperty("type").GetString());
        var logs = Dashboards.Panels(dashboard).Single(p => p.GetProperty("type").GetString() == "logs");
        Assert.Equal(Dashboards.LokiUid, Dashboards.DatasourceUid(logs));
        var expr = logs.GetProperty("targets")[0].GetProperty("expr").GetString()!;
        // request_id is structured metadata: a filter after the stream selector, never a label matcher.
        Assert.Contains("} | request_id=~\"$request_id\"", expr);
    }

    [Fact]
    public void Provisioning_HasPrometheusLokiAndAlertmanager()
    {
        var datasources = Yaml.Load(Repo.PathOf("grafana", "provisioning", "datasources", "aicq.yml")).Seq("datasources").Maps()
            .ToDictionary(d => d.Str("uid")!, d => d.Str("type"));
        Assert.Equal("prometheus", datasources[Dashboards.PrometheusUid]);
        Assert.Equal("loki", datasources[Dashboards.LokiUid]);
        Assert.Equal("alertmanager", datasources["alertmanager"]);

        var provider = Yaml.Load(Repo.PathOf("grafana", "provisioning", "dashboards", "aicq.yml")).Seq("providers").Maps().Single();
        Assert.Equal("file", provider.Str("type"));
        Assert.False(string.IsNullOrWhiteSpace(provider.Map("options").Str("path")));
    }

    private static HashSet<string> ProvisionedDatasourceUids() =>
        Directory.GetFiles(Repo.PathOf("grafana", "provisioning", "datasources"), "*.yml")
            .SelectMany(f => Yaml.Load(f).Seq("datasources").Maps())
            .Select(d => d.Str("uid")!)
            .ToHashSet();
}
