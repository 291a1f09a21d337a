using Aicq.Monitoring.Tests.Grafana;

namespace Aicq.Monitoring.Tests.Fly;

/// <summary>
/// Grafana and Loki have no binary here, so their Fly configs are checked with parsers against what each
/// program requires of them and against the fly.toml of the apps they connect.
/// </summary>
public sealed class FlyGrafanaLokiTests
{
    private static readonly Dictionary<string, (string App, int Port)> DatasourceApps = new()
    {
        ["prometheus"] = ("prometheus", 9090),
        ["loki"] = ("loki", 3100),
        ["alertmanager"] = ("alertmanager", 9093),
    };

    [Fact]
    public void GrafanaDatasources_AreProvisioned_AtTheirAppsPrivateAddresses_WithEveryUidTheDashboardsUse()
    {
        var config = Yaml.Load(FlyApps.Config("grafana", "provisioning", "datasources", "aicq.yml"));
        Assert.Equal("1", config.Str("apiVersion"));
        var sources = config.Seq("datasources").Maps().ToList();

        foreach (var source in sources)
        {
            Assert.All(new[] { "name", "type", "uid", "url" }, key => Assert.False(string.IsNullOrEmpty(source.Str(key)), $"datasource without {key}"));
            Assert.Equal("proxy", source.Str("access"));
            var (app, port) = DatasourceApps[source.Str("uid")!];
            Assert.Equal($"http://{FlyApps.Internal(app)}:{port}", source.Str("url"));
        }
        var uids = sources.Select(s => s.Str("uid")).ToHashSet();
        Assert.All(Dashboards.Queries, q => Assert.Contains(q.DatasourceUid, uids));
        Assert.Equal(3100, int.Parse(Yaml.Load(FlyApps.Config("loki", "loki-config.yaml")).Map("server").Str("http_listen_port")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void GrafanaDashboards_AreLoadedFromWhereTheImageCopiesThem_AndParse()
    {
        var provider = Yaml.Load(FlyApps.Config("grafana", "provisioning", "dashboards", "aicq.yml")).Seq("providers").Maps().Single();
        Assert.Equal("file", provider.Str("type"));
        var path = provider.Map("options").Str("path");
        var dockerfile = File.ReadAllText(Repo.PathOf("deploy", "fly", "grafana", "Dockerfile"));

        Assert.Contains($"COPY config/dashboards/ {path}/", dockerfile);
        Assert.Contains("COPY config/provisioning/ /etc/grafana/provisioning/", dockerfile);
        var dashboards = Directory.GetFiles(FlyApps.Config("grafana", "dashboards"), "*.json").Select(Dashboards.Load).ToList();
        Assert.Equal(Dashboards.Files.Count, dashboards.Count);
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.GetProperty("uid").GetString()).Distinct().Count());
    }

    [Fact]
    public void Grafana_HasNoAnonymousAccess_AndItsAdminPasswordIsASecret()
    {
        Assert.Equal("false", FlyApps.Env("grafana", "GF_AUTH_ANONYMOUS_ENABLED"));
        Assert.Equal("false", FlyApps.Env("grafana", "GF_USERS_ALLOW_SIGN_UP"));
        Assert.Throws<Xunit.Sdk.XunitException>(() => FlyApps.Env("grafana", "GF_SECURITY_ADMIN_PASSWORD"));
        Assert.Contains($"fly secrets set --app {FlyApps.Load("grafana")["app"]} GF_SECURITY_ADMIN_PASSWORD=", Repo.Read("docs", "runbook.md"));
    }

    [Fact]
    public void Loki_KeepsEverythingOnItsVolume_WithTheSchemaStructuredMetadataNeeds()
    {
        var config = Yaml.Load(FlyApps.Config("loki", "loki-config.yaml"));
        var mount = FlyApps.MountDestination("loki")!;
        var common = config.Map("common");
        var filesystem = common.Map("storage").Map("filesystem");

        Assert.All(new[] { common.Str("path_prefix"), filesystem.Str("chunks_directory"), filesystem.Str("rules_directory"), config.Map("compactor").Str("working_directory") },
            dir => Assert.StartsWith(mount, dir));
        var schema = config.Map("schema_config").Seq("configs").Maps().Last();
        Assert.Equal(("tsdb", "v13"), (schema.Str("store"), schema.Str("schema")));
        Assert.Equal("true", config.Map("limits_config").Str("allow_structured_metadata"));
        Assert.Contains("CMD [\"-config.file=/etc/loki/loki-config.yaml\"]", File.ReadAllText(Repo.PathOf("deploy", "fly", "loki", "Dockerfile")));
    }

    [Theory]
    [InlineData("aicq")]
    [InlineData("status")]
    public void Logs_AreShippedToLokisPrivateAddress_OverOtlp(string app)
    {
        var port = Yaml.Load(FlyApps.Config("loki", "loki-config.yaml")).Map("server").Str("http_listen_port");

        Assert.Equal($"http://{FlyApps.Internal("loki")}:{port}/otlp/v1/logs", FlyApps.Env(app, "OTLP_LOGS_ENDPOINT"));
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    [InlineData("grafana")]
    [InlineData("loki")]
    public void InternalApps_HaveNoServicesAtAll(string app) => Assert.False(FlyApps.HasServices(app), $"{app} must not be public");

    [Fact]
    public void StatusPage_IsPublicOnItsPagePortOnly_ItsWebhookPortOnThePrivateNetwork()
    {
        var status = FlyApps.Load("status");
        var service = Assert.Single((Tomlyn.Model.TomlTableArray)status["services"]);

        Assert.Equal(FlyApps.Env("status", "STATUS_PORT"), Convert.ToString(service["internal_port"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(FlyApps.Env("status", "STATUS_PORT"), FlyApps.Env("status", "STATUS_INTERNAL_PORT"));
        Assert.Equal("::", FlyApps.Env("status", "STATUS_INTERNAL_BIND_ADDRESS"));
        Assert.Equal("/var/lib/aicq-status", FlyApps.MountDestination("status"));
        Assert.Equal(FlyApps.Env("status", "STATUS_CANARY_STATE_DIR"), FlyApps.MountDestination("status"));
    }
}
