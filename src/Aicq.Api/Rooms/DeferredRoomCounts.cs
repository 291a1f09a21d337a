using System.Collections.Concurrent;
using Aicq.Api.Telemetry;

namespace Aicq.Api.Rooms;

/// <summary>
/// Room counts that PostgreSQL could not take yet, summed per room in this instance's memory until
/// <see cref="RoomCountsReplay"/> applies them. Lost only if the instance dies before PostgreSQL returns,
/// which costs a room's message_count some messages, never a message.
/// </summary>
internal sealed class DeferredRoomCounts
{
    private readonly ConcurrentDictionary<Guid, (long Count, DateTimeOffset LastActive)> _pending = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Adds a count; returns true when it is the first one deferred (a new outage, worth one log line).</summary>
    public bool Add(Guid roomId, long count, DateTimeOffset lastActive)
    {
        _pending.AddOrUpdate(roomId, (count, lastActive),
            (_, existing) => (existing.Count + count, existing.LastActive > lastActive ? existing.LastActive : lastActive));
        var total = Interlocked.Add(ref _total, count);
        ApiMetrics.RoomCountsDeferred.Inc(count);
        return total == count;
    }

    /// <summary>Takes one room's pending count out, or returns false when none is left.</summary>
    public bool TryTake(out Guid roomId, out long count, out DateTimeOffset lastActive)
    {
        foreach (var room in _pending.Keys)
        {
            if (!_pending.TryRemove(room, out var pending)) continue;
            (roomId, count, lastActive) = (room, pending.Count, pending.LastActive);
            Interlocked.Add(ref _total, -count);
            ApiMetrics.RoomCountsDeferred.Dec(count);
            return true;
        }
        (roomId, count, lastActive) = (Guid.Empty, 0, default);
        return false;
    }
}
