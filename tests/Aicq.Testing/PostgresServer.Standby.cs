using Npgsql;

namespace Aicq.Testing;

/// <summary>Streaming replication between two throwaway clusters: a standby, its promotion, and its replay.</summary>
public sealed partial class PostgresServer
{
    /// <summary>Whether this server is a standby (in recovery) right now.</summary>
    public async Task<bool> IsStandbyAsync() => await ScalarAsync<bool>("SELECT pg_is_in_recovery()");

    /// <summary>
    /// A hot standby of this server on its own free port, made as an operator would: <c>pg_basebackup -R</c> over the
    /// replication protocol, so it streams from this server from then on. Same user and password as this one.
    /// </summary>
    public async Task<PostgresServer> StartStandbyAsync(CancellationToken cancellationToken = default)
    {
        var standby = new PostgresServer(TestState.NewDirectory("postgres-standby"), _password);
        try
        {
            if (Posix.IsRoot)
            {
                TestState.MakeTraversable(standby.Directory);
                await Command.RunAsync("chown", ["-R", "postgres:postgres", standby.Directory], cancellationToken);
            }
            // -R writes primary_conninfo (with this password) and standby.signal; -X stream copies the WAL written meanwhile.
            await Command.RunAsPostgresAsync(Path.Combine(_binDir, "pg_basebackup"),
            [
                "-d", $"host=127.0.0.1 port={Port} user={User} password={_password}",
                "-D", standby.DataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync",
            ], cancellationToken);
            await FreePort.StartOnAnyAsync(port =>
            {
                standby.Port = port;
                return standby.StartCoreAsync(cancellationToken);
            }, cancellationToken);
            return standby;
        }
        catch
        {
            await standby.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A <c>DATABASE_URL</c> naming this server and <paramref name="standby"/> (libpq's multi-host form, primary wanted),
    /// so a client follows a promotion of the standby without being told.
    /// </summary>
    public string FailoverUrl(PostgresServer standby, string database) =>
        Url(database).Replace($"@127.0.0.1:{Port}/", $"@127.0.0.1:{Port},127.0.0.1:{standby.Port}/", StringComparison.Ordinal)
        + "&target_session_attrs=primary";

    /// <summary>Makes this standby a primary (<c>pg_ctl promote</c>, waiting until it takes writes).</summary>
    public Task PromoteAsync() => PgCtlAsync(["promote", "-D", DataDir, "-w", "-t", "60"]);

    /// <summary>Stops (or resumes) applying the WAL it receives, so what it serves is frozen: replica lag on demand.</summary>
    public Task PauseReplayAsync(bool paused = true) =>
        ScalarAsync<object>(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");

    /// <summary>Waits until this standby has replayed everything <paramref name="primary"/> had written when called.</summary>
    public async Task WaitForReplayOfAsync(PostgresServer primary, TimeSpan timeout)
    {
        var written = await primary.ScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        var caughtUp = await Poll.UntilAsync(
            async () => await ScalarAsync<bool>($"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"), timeout);
        if (!caughtUp) throw new TimeoutException($"the standby on port {Port} did not replay up to {written} within {timeout}");
    }

    /// <summary>One statement on the <c>postgres</c> database as the superuser, on a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        // No pooling: a pooled admin connection would break after StopAsync/StartAgainAsync.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
