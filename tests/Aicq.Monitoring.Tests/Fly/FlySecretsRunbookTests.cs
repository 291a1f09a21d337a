namespace Aicq.Monitoring.Tests.Fly;

/// <summary>Every secret an app on Fly reads is in the runbook's secrets table, with the command that sets it on that app.</summary>
public sealed partial class FlySecretsRunbookTests
{
    private static readonly string[] Rows = Repo.Read("docs", "runbook.md").Split('\n')
        .SkipWhile(line => line != "### Fly secrets").Skip(1).TakeWhile(line => !line.StartsWith('#'))
        .Where(line => line.StartsWith("| `aicq", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void EverySecretTheAlertmanagerEntrypointReads_HasItsCommand()
    {
        var entrypoint = File.ReadAllText(Repo.PathOf("deploy", "fly", "alertmanager", "entrypoint.sh"));
        var names = WriteSecret().Matches(entrypoint).Select(m => m.Groups[1].Value).Concat(["HEARTBEAT_URL", "ONCALL_URL"]).ToList();

        Assert.Contains("ENVIRON[\"ONCALL_URL\"]", entrypoint);
        Assert.All(names, name => AssertCommand("aicq-alertmanager", name));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("grafana")]
    [InlineData("backup")]
    public void EverySecretAnAppsFlyTomlNames_HasItsCommand(string app)
    {
        var toml = File.ReadAllText(Repo.PathOf("deploy", "fly", app, "fly.toml"));
        var names = toml.Split('\n').Where(line => line.StartsWith('#') && line.Contains("ecret", StringComparison.Ordinal))
            .SelectMany(line => SecretName().Matches(line).Select(m => m.Value)).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => AssertCommand($"aicq-{app}", name));
    }

    private static void AssertCommand(string app, string name) =>
        Assert.True(Rows.Any(row => row.Contains($"fly secrets set --app {app} ", StringComparison.Ordinal) && Regex.IsMatch(row, $@"[ ;]{name}=")),
            $"docs/runbook.md#fly-secrets has no `fly secrets set --app {app} … {name}=…`");

    [GeneratedRegex(@"^write_secret ([A-Z_]+) ", RegexOptions.Multiline)]
    private static partial Regex WriteSecret();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")]
    private static partial Regex SecretName();
}
