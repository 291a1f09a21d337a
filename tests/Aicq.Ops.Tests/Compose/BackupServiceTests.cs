using Tomlyn;

namespace Aicq.Ops.Tests.Compose;

/// <summary>The scheduled backups as compose and Fly run them: the same script, 30 days of retention, on a volume.</summary>
public sealed class BackupServiceTests
{
    [Fact]
    public async Task ComposeBackupService_RunsTheScheduledScriptDaily_WithThirtyDaysRetention_OnTheInternalNetwork()
    {
        var stack = await ComposeStack.LoadAsync();
        var backup = stack.Services["backup"];
        var environment = stack.Environment("backup");

        Assert.Equal(["bash", "/opt/aicq/deploy/backup/scheduled-backup.sh"], ((YamlSequenceNode)backup.Get("entrypoint")!).Children.Select(c => c.ToString()));
        Assert.Equal("30", environment["BACKUP_MAX_AGE_DAYS"]);
        Assert.Equal("86400", environment["BACKUP_INTERVAL_SECONDS"]);
        Assert.StartsWith("postgres://aicq:", environment["BACKUP_DATABASE_URL"]);
        Assert.Contains("@postgres:5432/aicq", environment["BACKUP_DATABASE_URL"]);
        var mounts = backup.Items("volumes").OfType<YamlScalarNode>().Select(v => v.Value ?? "").ToList();
        Assert.Contains(mounts, m => m.StartsWith("backups:/var/lib/postgresql/data", StringComparison.Ordinal));
        Assert.Equal("/var/lib/postgresql/data", environment["BACKUP_DIR"]);
        Assert.Equal("999:999", backup.Str("user"));
        Assert.Equal(["internal"], backup.Names("networks"));
        Assert.Contains("postgres", backup.Names("depends_on"));
        // The image's PostgreSQL is the server's major version: pg_dump must not be older than the server.
        Assert.Equal(stack.Services["postgres"].Str("image"), backup.Str("image"));
    }

    [Fact]
    public void FlyBackupApp_IsAScheduledMachineWritingToItsVolume_NeverPublic()
    {
        var toml = TomlSerializer.Deserialize<TomlTable>(Repo.Read("deploy", "fly", "backup", "fly.toml"))!;
        var dockerfile = Repo.Read("deploy", "fly", "backup", "Dockerfile");

        Assert.False(toml.ContainsKey("services"));
        Assert.Equal("/backups", ((TomlTable)toml["mounts"])["destination"]);
        Assert.Contains("ENV BACKUP_DIR=/backups BACKUP_MAX_AGE_DAYS=30", dockerfile);
        Assert.Contains("\"/opt/aicq/deploy/backup/scheduled-backup.sh\", \"--once\"]", dockerfile);
        Assert.Contains("--schedule daily", Repo.Read("docs", "runbook.md"));
        Assert.Contains("fly secrets set --app aicq-backup BACKUP_DATABASE_URL=", Repo.Read("docs", "runbook.md"));
    }
}
