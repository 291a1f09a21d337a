using Npgsql;

namespace Aicq.Ops.Tests.Operations;

/// <summary>
/// deploy/backup/scheduled-backup.sh (the compose `backup` service and Fly's scheduled machine) against a real
/// PostgreSQL: 30-day retention by file age, and the newest backup restored into a throwaway server.
/// </summary>
public sealed class ScheduledBackupTests : IAsyncLifetime
{
    private static readonly string Script = Repo.PathOf("deploy", "backup", "scheduled-backup.sh");
    private readonly TempDir _backups = new();
    private PostgresServer _postgres = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _postgres = await SharedServers.PostgresAsync();
        var url = await _postgres.CreateDatabaseAsync();
        _database = new Uri(url).AbsolutePath.Trim('/');
        await ExecuteAsync(_postgres, _database, "CREATE TABLE note (body text); INSERT INTO note VALUES ('first');");
    }

    public Task DisposeAsync()
    {
        _backups.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Once_DeletesOnlyBackupsLastModifiedMoreThan30DaysAgo()
    {
        await AgedFileAsync("aicq-20251001T000000Z.dump", "31 days ago");
        await AgedFileAsync("aicq-20251002T000000Z.dump", "30 days ago 10 minutes ago");
        await AgedFileAsync("aicq-20251003T000000Z.dump", "29 days ago 23 hours ago");
        await AgedFileAsync("aicq-20251004T000000Z.dump", "2 days ago");
        await AgedFileAsync("notes.txt", "90 days ago");
        await AgedFileAsync("other-20250101T000000Z.dump", "90 days ago");

        var result = (await RunOnceAsync()).AssertSuccess();

        var left = Directory.GetFiles(_backups.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7 - 2, left.Count);
        Assert.DoesNotContain("aicq-20251001T000000Z.dump", left);
        Assert.DoesNotContain("aicq-20251002T000000Z.dump", left);
        Assert.Contains("aicq-20251003T000000Z.dump", left);
        Assert.Contains("aicq-20251004T000000Z.dump", left);
        Assert.Contains("notes.txt", left);
        Assert.Contains("other-20250101T000000Z.dump", left);
        string[] planted = ["aicq-20251003T000000Z.dump", "aicq-20251004T000000Z.dump", "notes.txt", "other-20250101T000000Z.dump"];
        Assert.Matches(@"^aicq-\d{8}T\d{6}Z\.dump$", Assert.Single(left.Except(planted))); // the one just written
        Assert.Contains("removed", result.Output);
        Assert.Contains("(older than 30 days)", result.Output);
    }

    [Fact]
    public async Task RestoreLatest_BringsTheNewestBackupIntoAThrowawayPostgres()
    {
        (await RunOnceAsync()).AssertSuccess();
        await ExecuteAsync(_postgres, _database, "UPDATE note SET body = 'second';");
        (await RunOnceAsync()).AssertSuccess();
        Assert.Equal(2, Directory.GetFiles(_backups.Path, "aicq-*.dump").Length);
        await using var throwaway = await PostgresServer.StartAsync();
        var target = await throwaway.CreateDatabaseAsync("restored");

        var result = await Run.AicqAsync(["restore", "--latest", "--dir", _backups.Path, "--yes", "--database-url", target]);

        result.AssertSuccess();
        Assert.Contains($"newest backup: {Directory.GetFiles(_backups.Path, "aicq-*.dump").Order(StringComparer.Ordinal).Last()}", result.Output);
        Assert.Equal("second", await ExecuteAsync(throwaway, "restored", "SELECT body FROM note"));
    }

    [Fact]
    public async Task RestoreLatest_OfAnEmptyFolder_SaysThereIsNoBackup()
    {
        var result = await Run.AicqAsync(["restore", "--latest", "--dir", _backups.Path, "--yes", "--database-url", _postgres.Url(_database)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no backup (aicq-*.dump) in {_backups.Path}", result.Output);
    }

    private Task<RunResult> RunOnceAsync() => Run.CommandAsync("bash", [Script, "--once"], environment: new Dictionary<string, string?>
    {
        ["BACKUP_DATABASE_URL"] = _postgres.Url(_database),
        ["BACKUP_DIR"] = _backups.Path,
    });

    private async Task AgedFileAsync(string name, string age)
    {
        File.WriteAllText(_backups.File(name), "not a real dump: retention goes by name pattern and age only");
        (await Run.CommandAsync("touch", ["-d", age, _backups.File(name)])).AssertSuccess();
    }

    private static async Task<object?> ExecuteAsync(PostgresServer server, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
