namespace Aicq.Monitoring.Tests.Alertmanager;

public sealed class AlertmanagerConfigTests
{
    private static readonly string ComposeConfig = Repo.PathOf("alertmanager", "alertmanager.yml");

    [Theory]
    [InlineData("compose")]
    [InlineData("local")]
    public void CheckConfig_IsValid(string variant)
    {
        using var dir = new TempDir();
        var config = Renderer.RenderAlertmanager(dir, variant);

        var result = Tool.Run(Tool.Amtool, ["check-config", config]).AssertSuccess();
        Assert.Contains("SUCCESS", result.Output);
    }

    [Fact]
    public void Render_ComposeVariant_IsTheCommittedFile()
    {
        using var dir = new TempDir();
        Assert.Equal(File.ReadAllText(ComposeConfig), File.ReadAllText(Renderer.RenderAlertmanager(dir, "compose")));
    }

    [Theory]
    [InlineData("severity=critical alertname=RedisDown component=redis", "status-page,pager")]
    [InlineData("severity=critical alertname=AicqSloErrorBudgetBurnFast component=slo", "status-page,pager")]
    [InlineData("severity=warning alertname=AicqApiHighLatency component=api", "status-page,chat")]
    [InlineData("severity=warning alertname=AicqTlsCertificateExpiringSoon component=tls", "status-page,chat")]
    [InlineData("severity=none alertname=Watchdog component=prometheus", "heartbeat")]
    [InlineData("severity=critical alertname=SomethingWithoutComponent", "pager")]
    [InlineData("severity=info alertname=Unclassified component=api", "chat")]
    [InlineData("alertname=NoLabelsAtAll", "chat")]
    public void Routes_SendAlertToReceivers(string labels, string receivers)
    {
        AssertRoutes(ComposeConfig, labels.Split(' '), receivers);
    }

    [Fact]
    public void EveryAlert_RoutesBySeverity()
    {
        foreach (var alert in AlertRules.All)
        {
            var expected = alert.Labels["severity"] switch
            {
                "critical" => "status-page,pager",
                "warning" => "status-page,chat",
                _ => "heartbeat",
            };
            AssertRoutes(ComposeConfig,
                [$"alertname={alert.Name}", $"severity={alert.Labels["severity"]}", $"component={alert.Labels["component"]}"],
                expected);
        }
    }

    [Fact]
    public void Routes_GroupByAlertAndComponent()
    {
        var route = Yaml.Load(ComposeConfig).Map("route");
        Assert.Equal(["alertname", "component"], route.Seq("group_by").Strings());
    }

    [Theory]
    [InlineData("compose", "http://status:9094/internal/alerts")]
    [InlineData("local", "http://127.0.0.1:9094/internal/alerts")]
    public void StatusPageReceiver_PointsAtTheStatusPage(string variant, string url)
    {
        using var dir = new TempDir();
        var config = Yaml.Load(Renderer.RenderAlertmanager(dir, variant));

        Assert.Equal([url], WebhookUrls(config, "status-page"));
    }

    [Theory]
    [InlineData("compose", "/run/secrets/status_webhook_token")]
    [InlineData("local", ".aicq/secrets/status_webhook_token")]
    public void WebhooksToTheStatusPage_PresentItsToken(string variant, string tokenFile)
    {
        using var dir = new TempDir();
        var config = Yaml.Load(Renderer.RenderAlertmanager(dir, variant));

        var toStatusPage = config.Seq("receivers").Maps().SelectMany(r => r.Get("webhook_configs") is YamlSequenceNode hooks ? hooks.Maps() : Enumerable.Empty<YamlMappingNode>())
            .Where(w => w.Str("url")!.EndsWith("/internal/alerts", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, toStatusPage.Count);
        foreach (var webhook in toStatusPage)
        {
            var authorization = webhook.Map("http_config").Map("authorization");
            Assert.Equal("Bearer", authorization.Str("type"));
            Assert.EndsWith(tokenFile, authorization.Str("credentials_file"));
            Assert.Null(authorization.Str("credentials"));
        }
    }

    [Fact]
    public void Heartbeat_SentElsewhere_CarriesNoStatusPageToken()
    {
        using var dir = new TempDir();
        var path = Renderer.RenderAlertmanager(dir, "local", "--heartbeat-url", "https://hc-ping.example.com/uuid", "--status-token-file", "/run/aicq/token");

        Tool.Run(Tool.Amtool, ["check-config", path]).AssertSuccess();
        var config = Yaml.Load(path);
        Assert.Null(Receiver(config, "heartbeat").Seq("webhook_configs").Maps().Single().Get("http_config"));
        var statusPage = Receiver(config, "status-page").Seq("webhook_configs").Maps().Single();
        Assert.Equal("/run/aicq/token", statusPage.Map("http_config").Map("authorization").Str("credentials_file"));
    }

    [Fact]
    public void Render_DrillOverrides_SetWebhooksSecretsAndTimings()
    {
        using var dir = new TempDir();
        var path = Renderer.RenderAlertmanager(dir, "local",
            "--oncall-url", "http://127.0.0.1:19097/oncall?token=a&b",
            "--heartbeat-url", "http://127.0.0.1:19097/heartbeat",
            "--secrets-dir", "/run/aicq-secrets",
            "--group-wait", "1s", "--group-interval", "2s", "--repeat-interval", "5s");

        Tool.Run(Tool.Amtool, ["check-config", path]).AssertSuccess();
        var config = Yaml.Load(path);
        Assert.Equal(["http://127.0.0.1:19097/oncall?token=a&b"], WebhookUrls(config, "pager"));
        Assert.Equal(["http://127.0.0.1:19097/heartbeat"], WebhookUrls(config, "heartbeat"));
        Assert.Equal("/run/aicq-secrets/slack_api_url", Receiver(config, "chat").Seq("slack_configs").Maps().Single().Str("api_url_file"));
        foreach (var route in AllRoutes(config.Map("route")))
        {
            Assert.Equal("1s", route.Str("group_wait") ?? "1s");
            Assert.Equal("2s", route.Str("group_interval") ?? "2s");
            Assert.Equal("5s", route.Str("repeat_interval") ?? "5s");
        }
    }

    [Theory]
    [InlineData("compose")]
    [InlineData("local")]
    public void Pager_WithoutAnOnCallUrl_HasNoWebhook(string variant)
    {
        using var dir = new TempDir();
        var config = Yaml.Load(Renderer.RenderAlertmanager(dir, variant, "--secrets-dir", dir.File("secrets")));

        Assert.Empty(Receiver(config, "pager").Seq("webhook_configs").Children);
    }

    [Fact]
    public void Pager_Locally_DropsPagerDutyWhileItsKeyFileIsAbsent()
    {
        using var dir = new TempDir();
        var config = Yaml.Load(Renderer.RenderAlertmanager(dir, "local", "--secrets-dir", dir.File("secrets")));

        Assert.Null(Receiver(config, "pager").Get("pagerduty_configs"));
    }

    [Fact]
    public void Pager_Locally_KeepsPagerDutyOnceItsKeyFileExists()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("secrets"));
        File.WriteAllText(dir.File("secrets/pagerduty_routing_key"), "0123456789abcdef0123456789abcdef");
        var path = Renderer.RenderAlertmanager(dir, "local", "--secrets-dir", dir.File("secrets"));

        Tool.Run(Tool.Amtool, ["check-config", path]).AssertSuccess();
        var pagerDuty = Receiver(Yaml.Load(path), "pager").Seq("pagerduty_configs").Maps().Single();
        Assert.Equal(dir.File("secrets/pagerduty_routing_key"), pagerDuty.Str("routing_key_file"));
    }

    [Fact]
    public void Integrations_ReadSecretsFromFiles()
    {
        var config = Yaml.Load(ComposeConfig);
        var chat = Receiver(config, "chat");
        var pager = Receiver(config, "pager");

        Assert.NotNull(chat.Seq("slack_configs").Maps().Single().Str("api_url_file"));
        Assert.Null(chat.Seq("slack_configs").Maps().Single().Str("api_url"));
        Assert.NotNull(pager.Seq("pagerduty_configs").Maps().Single().Str("routing_key_file"));
        Assert.Null(pager.Seq("pagerduty_configs").Maps().Single().Str("routing_key"));
        Assert.NotNull(chat.Seq("email_configs").Maps().Single().Str("to"));
        Assert.NotNull(config.Map("global").Str("smtp_auth_password_file"));
        Assert.Null(config.Map("global").Str("smtp_auth_password"));
    }

    private static void AssertRoutes(string config, string[] labels, string receivers)
    {
        var result = Tool.Run(Tool.Amtool,
            ["config", "routes", "test", $"--config.file={config}", $"--verify.receivers={receivers}", .. labels]);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', labels)} should reach {receivers}.\n{result.Output}");
    }

    private static YamlMappingNode Receiver(YamlMappingNode config, string name) =>
        config.Seq("receivers").Maps().Single(r => r.Str("name") == name);

    private static string[] WebhookUrls(YamlMappingNode config, string receiver) =>
        Receiver(config, receiver).Seq("webhook_configs").Maps().Select(w => w.Str("url")!).ToArray();

    private static IEnumerable<YamlMappingNode> AllRoutes(YamlMappingNode route) =>
        route.Get("routes") is YamlSequenceNode children
            ? children.Maps().SelectMany(AllRoutes).Prepend(route)
            : [route];
}
