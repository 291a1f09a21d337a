namespace Aicq.Edge.RateLimiting;

/// <summary>Request times, oldest first, each with the member that charged it (so a reservation can move).</summary>
internal sealed class SlidingLog(long windowMs)
{
    private readonly LinkedList<(long Time, string Member)> _entries = new();

    public int Count => _entries.Count;
    public long Oldest => _entries.First!.Value.Time;

    public void Add(long time, string member)
    {
        // Kept in time order: a moved entry keeps the time it was reserved at, which may be older than the newest here.
        var after = _entries.Last;
        while (after is not null && after.Value.Time > time) after = after.Previous;
        if (after is null) _entries.AddFirst((time, member));
        else _entries.AddAfter(after, (time, member));
    }

    public long? Remove(string member)
    {
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.Member != member) continue;
            _entries.Remove(node);
            return node.Value.Time;
        }
        return null;
    }

    public void Trim(long now)
    {
        while (_entries.First is { } first && first.Value.Time <= now - windowMs) _entries.RemoveFirst();
    }
}
