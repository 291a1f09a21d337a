namespace Aicq.Monitoring.Tests.Fly;

/// <summary>
/// The Alertmanager app: its entrypoint (run here with sh, Alertmanager replaced by `echo`) writes the receivers'
/// secrets and URLs from the environment Fly gives it, and the configuration it writes passes amtool check-config.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // runs sh and checks POSIX file modes
public sealed partial class FlyAlertmanagerTests
{
    private static readonly string Entrypoint = Repo.PathOf("deploy", "fly", "alertmanager", "entrypoint.sh");

    [Fact]
    public void Entrypoint_WritesSecretsAndUrls_IntoAConfigThatPassesAmtool()
    {
        using var dir = new TempDir();
        var result = RunEntrypoint(dir, new()
        {
            ["HEARTBEAT_URL"] = "https://hc-ping.example/aicq-watchdog",
            ["ONCALL_URL"] = "https://oncall.example/hook",
            ["STATUS_WEBHOOK_TOKEN"] = "s3cret-token",
            ["SLACK_API_URL"] = "https://hooks.slack.example/T0",
        });

        result.AssertSuccess();
        Tool.Run(Tool.Amtool, ["check-config", dir.File("alertmanager.yml")]).AssertSuccess();
        var receivers = Yaml.Load(dir.File("alertmanager.yml")).Seq("receivers").Maps().ToDictionary(r => r.Str("name")!);
        Assert.Equal("https://hc-ping.example/aicq-watchdog", Webhook(receivers["heartbeat"]).Str("url"));
        Assert.Equal("https://oncall.example/hook", Webhook(receivers["pager"]).Str("url"));
        Assert.Equal("s3cret-token", File.ReadAllText(Path.Combine(dir.Path, "secrets", "status_webhook_token")));
        Assert.Equal("https://hooks.slack.example/T0", File.ReadAllText(Path.Combine(dir.Path, "secrets", "slack_api_url")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "secrets", "status_webhook_token")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "secrets", "pagerduty_routing_key")));
        Assert.Contains("secret PAGERDUTY_ROUTING_KEY is not set", result.Stdout);
        Assert.Contains($"--config.file={dir.File("alertmanager.yml")} --storage.path=/alertmanager", result.Stdout);
    }

    [Theory]
    [InlineData("HEARTBEAT_URL")]
    [InlineData("STATUS_WEBHOOK_TOKEN")]
    public void Entrypoint_RefusesToStart_WithoutARequiredSecret(string missing)
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["HEARTBEAT_URL"] = "https://hc-ping.example/x", ["STATUS_WEBHOOK_TOKEN"] = "t" };
        env.Remove(missing);

        var result = RunEntrypoint(dir, env);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{missing}: is not set: fly secrets set {missing}=", result.Stderr);
        Assert.DoesNotContain("--config.file", result.Stdout);
    }

    [Fact]
    public void StatusPageWebhook_IsItsPrivatePort_WithTheBearerTokenFile()
    {
        var receiver = Yaml.Load(FlyApps.Config("alertmanager", "alertmanager.yml")).Seq("receivers").Maps().Single(r => r.Str("name") == "status-page");
        var webhook = Webhook(receiver);

        Assert.Equal($"http://{FlyApps.Internal("status")}:{FlyApps.Env("status", "STATUS_INTERNAL_PORT")}/internal/alerts", webhook.Str("url"));
        Assert.Equal("/etc/alertmanager/secrets/status_webhook_token", webhook.Map("http_config").Map("authorization").Str("credentials_file"));
    }

    [Fact]
    public void EverySecretFileTheConfigReads_IsOneTheEntrypointWrites()
    {
        var config = File.ReadAllText(FlyApps.Config("alertmanager", "alertmanager.yml"));
        var written = WriteSecret().Matches(File.ReadAllText(Entrypoint)).Select(m => m.Groups[1].Value).ToHashSet();
        var read = SecretFile().Matches(config).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, file => Assert.Contains(file, written));
        Assert.Equal("/alertmanager", FlyApps.MountDestination("alertmanager"));
    }

    private static YamlMappingNode Webhook(YamlMappingNode receiver) => receiver.Seq("webhook_configs").Maps().Single();

    private static ToolResult RunEntrypoint(TempDir dir, Dictionary<string, string> secrets)
    {
        var args = new List<string> { "-i", $"PATH={Environment.GetEnvironmentVariable("PATH")}",
            $"AM_RENDERED_CONFIG={FlyApps.Config("alertmanager", "alertmanager.yml")}", $"AM_CONFIG={dir.File("alertmanager.yml")}",
            $"AM_SECRETS_DIR={dir.File("secrets")}", "ALERTMANAGER_BIN=echo" };
        args.AddRange(secrets.Select(kv => $"{kv.Key}={kv.Value}"));
        args.AddRange(["sh", Entrypoint]);
        return Tool.RunExecutable("/usr/bin/env", args);
    }

    [GeneratedRegex(@"^write_secret [A-Z_]+ ([a-z_]+)$", RegexOptions.Multiline)]
    private static partial Regex WriteSecret();

    [GeneratedRegex(@"_file: /etc/alertmanager/secrets/([a-z_]+)")]
    private static partial Regex SecretFile();
}
