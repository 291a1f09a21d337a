namespace Aicq.Monitoring.Tests.Fly;

/// <summary>deploy/fly/*/config is rendered from prometheus/, alertmanager/, grafana/ and loki/: never a copy that drifts.</summary>
public sealed class FlyRenderingTests
{
    [Fact]
    public void CommittedRenderings_MatchTheirSources()
    {
        var result = Tool.RunExecutable("/bin/bash", [Repo.PathOf("deploy", "fly", "render.sh"), "--check"]);

        result.AssertSuccess();
        Assert.All(FlyApps.Monitoring, app => Assert.Contains($"ok: {app} matches its source", result.Stdout));
    }

    [Theory]
    [InlineData("prometheus", "prometheus.yml")]
    [InlineData("alertmanager", "alertmanager.yml")]
    [InlineData("grafana", "provisioning/datasources/aicq.yml")]
    [InlineData("loki", "loki-config.yaml")]
    public void Check_FailsWithTheDiff_WhenARenderingDiverges(string app, string file)
    {
        using var copy = new TempDir();
        foreach (var each in FlyApps.Monitoring)
            CopyDirectory(Repo.PathOf("deploy", "fly", each, "config"), Path.Combine(copy.Path, each, "config"));
        File.AppendAllText(Path.Combine(copy.Path, app, "config", file), "# edited by hand\n");

        var result = Tool.RunExecutable("/bin/bash", [Repo.PathOf("deploy", "fly", "render.sh"), "--check", "--out", copy.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"drift: deploy/fly/{app}/config differs from its source", result.Stderr);
        Assert.Contains("-# edited by hand", result.Stdout);
        Assert.All(FlyApps.Monitoring.Where(a => a != app), other => Assert.Contains($"ok: {other} matches its source", result.Stdout));
    }

    [Fact]
    public void RulesAndDashboards_ShipUnchanged()
    {
        foreach (var rules in Directory.GetFiles(Repo.PathOf("prometheus", "rules"), "*.yml"))
            Assert.Equal(File.ReadAllText(rules), File.ReadAllText(FlyApps.Config("prometheus", "rules", Path.GetFileName(rules))));
        foreach (var dashboard in Directory.GetFiles(Repo.PathOf("grafana", "dashboards"), "*.json"))
            Assert.Equal(File.ReadAllText(dashboard), File.ReadAllText(FlyApps.Config("grafana", "dashboards", Path.GetFileName(dashboard))));
        Assert.Equal(
            Directory.GetFiles(Repo.PathOf("prometheus", "rules")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(FlyApps.Config("prometheus", "rules")).Select(Path.GetFileName).Order());
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
