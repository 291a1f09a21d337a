using Aicq.ServiceDefaults.Data;
using Aicq.ServiceDefaults.Http;
using System.Diagnostics;
using Aicq.Api.Errors;
using Aicq.Api.Settings;
using Aicq.Api.Telemetry;
using Npgsql;

namespace Aicq.Api.Rooms;

/// <summary>
/// Counts a posted message on its room (message_count, last_active_at). Every post to a room updates
/// the same row, so these commits do not wait for the WAL flush (synchronous_commit off, on a pool of
/// their own): the message itself is already safe in Redis, and a crash can at worst lose the last
/// fraction of a second of counts. Agents and rooms are written through the durable pool as usual.
/// The count comes after the message is stored, so it must never fail the post: while PostgreSQL is
/// unavailable (or the row is locked past <see cref="CommandTimeoutSeconds"/>) the count is deferred to
/// <see cref="DeferredRoomCounts"/>, and the client gets its 201 instead of a 503 that would make it
/// post the same message again.
/// </summary>
internal sealed partial class RoomCounters(ApiSettings settings, DeferredRoomCounts deferred, ILogger<RoomCounters> logger) : IAsyncDisposable
{
    public const int CommandTimeoutSeconds = 2;
    private const string Sql =
        "UPDATE rooms SET message_count = message_count + $3, last_active_at = GREATEST(last_active_at, $2) WHERE id = $1";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString)
    {
        Options = "-c synchronous_commit=off",
        // One statement per connection use: skip the DISCARD ALL a pooled connection would send first.
        NoResetOnClose = true,
        MaxAutoPrepare = 4,
        ApplicationName = "aicq-api-counters",
        CommandTimeout = CommandTimeoutSeconds,
    }.ConnectionString);

    /// <summary>
    /// Counts one stored message. Not cancellable by the client: its message is stored, so its count must follow.
    /// While earlier counts wait for PostgreSQL, this one joins them instead of waiting on a PostgreSQL that may hang.
    /// </summary>
    public async Task CountAsync(Guid roomId, DateTimeOffset postedAt)
    {
        if (deferred.Total > 0)
        {
            deferred.Add(roomId, 1, postedAt);
            return;
        }
        try
        {
            await ApplyAsync(roomId, 1, postedAt, CancellationToken.None);
        }
        catch (Exception e) when (ErrorAnswers.IsDependencyFailure(e))
        {
            if (deferred.Add(roomId, 1, postedAt)) LogDeferring(logger, e.GetType().Name);
        }
    }

    /// <summary>Adds <paramref name="count"/> messages to a room's count; throws when PostgreSQL does not take it.</summary>
    public async Task ApplyAsync(Guid roomId, long count, DateTimeOffset lastActive, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var command = _dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = roomId });
        command.Parameters.Add(new NpgsqlParameter { Value = lastActive });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            PostgresFailover.ForgetServersAfter(e, _dataSource);
            throw;
        }
        ApiMetrics.PostgresLatency.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [LoggerMessage(EventName = "room_counts_deferred", Level = LogLevel.Warning,
        Message = "PostgreSQL is unavailable ({exception_type}); room message counts are kept in memory until it returns")]
    private static partial void LogDeferring(ILogger logger, string exception_type);
}
