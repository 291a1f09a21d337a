using System.Diagnostics;
using Aicq.Api.Settings;
using Aicq.Api.Telemetry;
using Npgsql;

namespace Aicq.Api.Messages;

/// <summary>
/// Counts a posted message on its room (message_count, last_active_at). Every post to a room updates
/// the same row, so these commits do not wait for the WAL flush (synchronous_commit off, on a pool of
/// their own): the message itself is already safe in Redis, and a crash can at worst lose the last
/// fraction of a second of counts. Agents and rooms are written through the durable pool as usual.
/// </summary>
internal sealed class RoomCounters : IAsyncDisposable
{
    private const string Sql = "UPDATE rooms SET message_count = message_count + 1, last_active_at = GREATEST(last_active_at, $2) WHERE id = $1";
    private readonly NpgsqlDataSource _dataSource;

    public RoomCounters(ApiSettings settings)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString)
        {
            Options = "-c synchronous_commit=off",
            // One statement per connection use: skip the DISCARD ALL a pooled connection would send first.
            NoResetOnClose = true,
            MaxAutoPrepare = 4,
            ApplicationName = "aicq-api-counters",
        };
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    public async Task CountAsync(Guid roomId, DateTimeOffset postedAt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var command = _dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = roomId });
        command.Parameters.Add(new NpgsqlParameter { Value = postedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
        ApiMetrics.PostgresLatency.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
