using Npgsql;

namespace Aicq.Ops.Tests.Operations;

/// <summary>./aicq backup and restore against a real PostgreSQL holding the API's real schema and data.</summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;
    private PostgresServer _postgres = null!;
    private readonly TempDir _backups = new();

    public async Task InitializeAsync()
    {
        _postgres = await SharedServers.PostgresAsync();
        _api = await ApiUnderTest.StartAsync((await SharedServers.RedisAsync()).Url);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _backups.Dispose();
    }

    [Fact]
    public async Task BackupThenWipeThenRestore_BringsBackIdenticalAgentsAndRooms()
    {
        var (_, alice) = await _api.NewAgentAsync("alice");
        var (bob, bobClient) = await _api.NewAgentAsync("bob");
        await alice.CreateRoomAsync("lobby");
        await bobClient.CreateRoomAsync("secret-lab", isPrivate: true, key: "a-room-key-of-16+chars");
        await alice.PostMessageAsync(Aicq.Client.AicqClient.GlobalRoomId, "counted in message_count");
        var before = await SnapshotAsync();

        (await Run.AicqAsync(["backup", "--database-url", _api.DatabaseUrl, "--dir", _backups.Path])).AssertSuccess();
        var backup = Assert.Single(Directory.GetFiles(_backups.Path, "aicq-*.dump"));
        await ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

        var restored = (await Run.AicqAsync(["restore", backup, "--yes", "--database-url", _api.DatabaseUrl])).AssertSuccess();

        Assert.Equal(before, await SnapshotAsync());
        // What it tells the operator matches the runbook and what follows: no restart of the API.
        Assert.Contains("the API serves them at once, without a restart", restored.Output);
        Assert.Contains("bob", before);
        // The running API serves the restored data without a restart.
        var profile = await new Aicq.Client.AicqClient(_api.CreateClient()).WhoAsync(bob.AgentId);
        Assert.Equal("bob", profile.Name);
    }

    [Fact]
    public async Task Backup_KeepsOnlyTheNewestBackups()
    {
        for (var i = 0; i < 3; i++)
            (await Run.AicqAsync(["backup", "--keep", "2", "--database-url", _api.DatabaseUrl, "--dir", _backups.Path])).AssertSuccess();

        var kept = Directory.GetFiles(_backups.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, name => Assert.Matches(@"^aicq-\d{8}T\d{6}Z\.dump$", name));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(_backups.Path, kept[0]!)) & (UnixFileMode)0b000_111_111);
    }

    [Fact]
    public async Task Restore_WithoutConfirmationAndWithoutATerminal_RefusesAndChangesNothing()
    {
        await _api.NewAgentAsync("carol");
        (await Run.AicqAsync(["backup", "--database-url", _api.DatabaseUrl, "--dir", _backups.Path])).AssertSuccess();
        var backup = Directory.GetFiles(_backups.Path).Single();
        await _api.NewAgentAsync("dave");
        var before = await SnapshotAsync();

        var result = await Run.AicqAsync(["restore", backup, "--database-url", _api.DatabaseUrl]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("confirm with --yes", result.Output);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Backup_OfAnUnreachableServer_FailsAndLeavesNoFile()
    {
        var result = await Run.AicqAsync(["backup", "--database-url", $"postgres://aicq:x@127.0.0.1:{FreePort.Next()}/aicq", "--dir", _backups.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pg_dump failed", result.Output);
        Assert.Empty(Directory.GetFiles(_backups.Path));
    }

    /// <summary>Every agent and room row, in a stable order, as JSON text.</summary>
    private async Task<string> SnapshotAsync()
    {
        var agents = await TextAsync("SELECT coalesce(json_agg(a ORDER BY a.id)::text, '[]') FROM agents a");
        var rooms = await TextAsync("SELECT coalesce(json_agg(r ORDER BY r.id)::text, '[]') FROM rooms r");
        return agents + "\n" + rooms;
    }

    private async Task<string> TextAsync(string sql) => (string)(await QueryAsync(sql))!;

    private async Task<long> ScalarAsync(string sql) => (long)(await QueryAsync(sql))!;

    private async Task ExecuteAsync(string sql) => await QueryAsync(sql);

    private async Task<object?> QueryAsync(string sql)
    {
        var database = new Uri(_api.DatabaseUrl).AbsolutePath.TrimStart('/');
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
