using System.Net.Sockets;

namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// One reading of what a long run could leak: each service process's resident memory (VmRSS) and open file
/// descriptors (sockets included) from <c>/proc</c>, the appliance database's PostgreSQL connections
/// (pg_stat_activity) and Redis's connected clients (INFO clients), the reader's own connection left out.
/// </summary>
public static class ResourceSample
{
    public static async Task<IReadOnlyDictionary<string, double>> TakeAsync(
        IReadOnlyList<(string Name, int Pid)> processes, PostgresServer postgres, string database, RedisServer redis)
    {
        var values = new Dictionary<string, double>();
        foreach (var (name, pid) in processes)
        {
            values[$"{name} RSS MB"] = (new ProcessProbe(pid).RssKb() ?? 0) / 1024.0;
            values[$"{name} fds"] = Directory.GetFiles($"/proc/{pid}/fd").Length;
        }
        values["postgres connections"] = await PostgresConnectionsAsync(postgres, database);
        values["redis clients"] = await RedisClientsAsync(redis.Port) - 1;
        return values;
    }

    private static async Task<long> PostgresConnectionsAsync(PostgresServer postgres, string database)
    {
        // From the postgres database, without pooling: this reader is never one of the connections it counts.
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @database", connection);
        command.Parameters.AddWithValue("database", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> RedisClientsAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("INFO clients\r\n"u8.ToArray());
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!text.ToString().Contains("connected_clients:", StringComparison.Ordinal) || !text.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var line = text.ToString().Split("\r\n").First(l => l.StartsWith("connected_clients:", StringComparison.Ordinal));
        return long.Parse(line["connected_clients:".Length..], CultureInfo.InvariantCulture);
    }
}
