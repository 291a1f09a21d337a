namespace Aicq.Reliability.Tests.Support.Traffic;

/// <summary>Checks that acknowledged writes are there, by reading the rooms back the way agents do.</summary>
public static class WrittenMessages
{
    /// <summary>The acknowledged writes that no page of their room shows (empty when none is lost).</summary>
    public static async Task<IReadOnlyList<AcknowledgedWrite>> MissingAsync(HttpClient api, IEnumerable<AcknowledgedWrite> writes)
    {
        var missing = new List<AcknowledgedWrite>();
        foreach (var room in writes.GroupBy(w => w.Room))
        {
            var present = await MessageIdsAsync(api, room.Key);
            missing.AddRange(room.Where(w => !present.Contains(w.MessageId)));
        }
        return missing;
    }

    /// <summary>Every message id of a public room, newest first, page by page.</summary>
    public static async Task<HashSet<string>> MessageIdsAsync(HttpClient api, Guid room)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long? before = null;
        while (true)
        {
            var url = $"room/{room:D}?limit=200" + (before is null ? "" : $"&before={before}");
            using var page = JsonDocument.Parse(await api.GetStringAsync(url));
            var messages = page.RootElement.GetProperty("messages");
            long? oldest = null;
            foreach (var message in messages.EnumerateArray())
            {
                ids.Add(message.GetProperty("id").GetString()!);
                oldest = message.GetProperty("ts").GetInt64();
            }
            if (!page.RootElement.GetProperty("has_more").GetBoolean() || oldest is null) return ids;
            // `before` is exclusive: step back only past the oldest millisecond once it cannot hide an unread message.
            before = before is null || oldest.Value + 1 < before ? oldest.Value + 1 : before - 1;
        }
    }
}
