namespace Aicq.Ops.Tests.Launcher;

/// <summary>
/// The postgres part of <c>./aicq up --pg-replica</c>, started by its own functions in a state folder and on ports of the
/// test's own: a streaming standby next to the primary, and the URL the API and the status page get names both, so
/// that after the primary stops and the standby is promoted the same URL reaches the new primary.
/// </summary>
public sealed class PostgresReplicaPartTests : IAsyncLifetime
{
    private readonly TempDir _state = new();
    private readonly int _port = FreePort.Next();
    private readonly int _replicaPort = FreePort.Next();

    public async Task InitializeAsync() => (await PartAsync("touch \"$(pg_replica_mark)\"; postgres_start")).AssertSuccess();

    public async Task DisposeAsync()
    {
        await PartAsync("postgres_stop");
        _state.Dispose();
    }

    [Fact]
    public async Task UpWithReplica_StreamsToAStandby_AndItsUrlFollowsAPromotion()
    {
        var url = (await PartAsync("postgres_url")).AssertSuccess().Output.Trim();
        Assert.Contains($"@127.0.0.1:{_port},127.0.0.1:{_replicaPort}/aicq?", url);
        Assert.EndsWith("&target_session_attrs=primary", url);
        var replica = (await PartAsync("pg_replica_api_environment")).AssertSuccess().Output.Trim();
        Assert.StartsWith($"DATABASE_REPLICA_URL=postgres://aicq:", replica);
        Assert.Contains($"@127.0.0.1:{_replicaPort}/aicq?", replica);

        Assert.Equal("t", await SqlAsync(_replicaPort, "SELECT pg_is_in_recovery()"));
        Assert.Equal(_port.ToString(System.Globalization.CultureInfo.InvariantCulture), await SqlOverUrlAsync("SELECT inet_server_port()"));

        (await PartAsync("""
            as_service_user "$(postgres_os_user)" "$(postgres_bin pg_ctl)" -D "$POSTGRES_DATA" -m fast -w stop >/dev/null
            as_service_user "$(postgres_os_user)" "$(postgres_bin pg_ctl)" -D "$(pg_replica_data)" -w promote >/dev/null
            """)).AssertSuccess();
        Assert.Equal("f", await SqlAsync(_replicaPort, "SELECT pg_is_in_recovery()"));
        Assert.Equal(_replicaPort.ToString(System.Globalization.CultureInfo.InvariantCulture), await SqlOverUrlAsync("SELECT inet_server_port()"));
    }

    private async Task<string> SqlAsync(int port, string sql) =>
        (await PartAsync($"""
            as_service_user "$(postgres_os_user)" "$(postgres_bin psql)" -X -tA -h "$(postgres_socket_dir)" -p {port} -U "$(postgres_os_user)" -d postgres -c "{sql}"
            """)).AssertSuccess().Output.Trim();

    /// <summary>Over the URL the launcher hands out, as libpq reads it (several hosts, target_session_attrs).</summary>
    private async Task<string> SqlOverUrlAsync(string sql) =>
        (await PartAsync($"\"$(postgres_bin psql)\" -X -tA \"$(postgres_url)\" -c \"{sql}\"")).AssertSuccess().Output.Trim();

    private Task<RunResult> PartAsync(string body) => Run.CommandAsync("bash", ["-c", $"""
        set -euo pipefail
        AICQ_ROOT='{Repo.Root}' AICQ_STATE='{_state.Path}'
        AICQ_LOGS="$AICQ_STATE/logs" AICQ_RUN="$AICQ_STATE/run" AICQ_SECRETS="$AICQ_STATE/secrets"
        AICQ_POSTGRES_PORT={_port} AICQ_POSTGRES_REPLICA_PORT={_replicaPort}
        mkdir -p "$AICQ_LOGS" "$AICQ_RUN" "$AICQ_SECRETS" && chmod 700 "$AICQ_SECRETS"
        source "$AICQ_ROOT/scripts/lib/ui.sh"
        source "$AICQ_ROOT/scripts/lib/proc.sh"
        source "$AICQ_ROOT/scripts/lib/pg_replica.sh"
        source "$AICQ_ROOT/scripts/parts/postgres.sh"
        {body}
        """]);
}
