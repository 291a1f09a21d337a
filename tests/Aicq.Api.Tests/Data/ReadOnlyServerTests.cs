using Npgsql;

namespace Aicq.Api.Tests.Data;

/// <summary>
/// During a failover a write can reach a server that is read-only (a standby, or the old primary while it is demoted):
/// PostgreSQL refuses it with SQLSTATE 25006. That is an outage to retry, never a 500. The server here is made read-only
/// the way an operator freezes one, for every session at once, which gives exactly that refusal.
/// </summary>
public sealed class ReadOnlyServerTests
{
    [Fact]
    public async Task WriteOnReadOnlyServer_Is503WithRetryAfter_ThenSucceedsOnceWritable()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var redis = await SharedServers.RedisAsync();
        await using var api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
        using var http = api.CreateClient();

        await SetReadOnlyAsync(postgres, true);
        HttpResponseMessage? refused = null;
        // The reload reaches each pooled session before its next statement; poll until the API's sessions have it.
        Assert.True(await Poll.UntilAsync(async () =>
        {
            refused = await RegisterAsync(http);
            return refused.StatusCode != HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30)), "the server never turned read-only");
        await Assert.Error(refused!, HttpStatusCode.ServiceUnavailable);
        Assert.True(int.TryParse(Assert.Single(refused!.Headers.GetValues("Retry-After")), out var seconds) && seconds >= 1);

        await SetReadOnlyAsync(postgres, false);
        Assert.True(await Poll.UntilAsync(async () => (await RegisterAsync(http)).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30)), string.Join('\n', api.Process.Output.TakeLast(15)));
        Assert.DoesNotContain(api.Process.Output, line => line.Contains("\"StatusCode\":500") || line.Contains("\"status\":500"));
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient http)
    {
        using var key = AgentKey.Generate();
        return await http.PostAsJsonAsync("/register", new { public_key = key.PublicKeyBase64, name = "frozen" });
    }

    private static async Task SetReadOnlyAsync(PostgresServer postgres, bool readOnly)
    {
        // This session stays writable whatever the server's default, so the setting can be reset again.
        await using var connection = new NpgsqlConnection(
            postgres.ConnectionString("postgres") + ";Pooling=false;Options=-c default_transaction_read_only=off");
        await connection.OpenAsync();
        var change = readOnly ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only";
        foreach (var sql in new[] { change, "SELECT pg_reload_conf()" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
