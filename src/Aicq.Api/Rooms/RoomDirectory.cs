using Aicq.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Rooms;

/// <summary>
/// Looks rooms up by id. A room's name, privacy and key hash never change, so they are remembered
/// and reads and posts do not pay a database round trip each.
/// </summary>
internal sealed class RoomDirectory(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(2);

    public async Task<Room?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("room", id), out Room? cached)) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AicqDbContext>();
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        cache.Set(("room", id), room, room is null ? UnknownFor : KnownFor);
        return room;
    }

    public void Remember(Room room) => cache.Set(("room", room.Id), room, KnownFor);
}
