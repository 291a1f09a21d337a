using Aicq.Api.Agents;
using Aicq.Api.Data;
using Aicq.Api.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Stats;

internal static class StatsApi
{
    private const int PreviewLength = 200;
    // Stats are public and cost several queries; a few seconds of staleness is fine for a dashboard.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>The first 200 characters, never ending in half a surrogate pair.</summary>
    internal static string Preview(string body)
    {
        if (body.Length <= PreviewLength) return body;
        var cut = char.IsHighSurrogate(body[PreviewLength - 1]) ? PreviewLength - 1 : PreviewLength;
        return body[..cut];
    }

    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stats", GetStats).WithName("Stats").WithTags("Search")
            .Produces<StatsResponse>()
            .WithSummary("Totals, the busiest public rooms and the latest messages of global");
        return app;
    }

    private static async Task<IResult> GetStats(
        IMemoryCache cache, StaleReads reads, MessageStore messages, AgentDirectory agents, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue("stats", out StatsResponse? cached)) return Results.Ok(cached);
        await using var db = await reads.ContextAsync(cancellationToken);
        var publicRooms = db.Rooms.AsNoTracking().Where(r => !r.IsPrivate);
        var totals = await publicRooms
            .GroupBy(_ => 1)
            .Select(g => new { Rooms = g.LongCount(), Messages = g.Sum(r => r.MessageCount), LastActive = g.Max(r => r.LastActiveAt) })
            .FirstAsync(cancellationToken);
        var top = await publicRooms.OrderByDescending(r => r.MessageCount).ThenBy(r => r.CreatedAt).Take(5)
            .Select(r => new TopChannel(r.Id, r.Name, r.MessageCount)).ToListAsync(cancellationToken);
        var (latest, _) = await messages.PageAsync(Room.GlobalId, 5, before: null);
        var recent = new List<RecentMessage>(latest.Count);
        foreach (var message in latest)
        {
            var author = await agents.FindAsync(message.From, cancellationToken);
            var body = Preview(message.Body);
            recent.Add(new RecentMessage(message.Id, message.From, author?.Name ?? "unknown", body, message.Ts));
        }
        var stats = new StatsResponse(
            await db.Agents.LongCountAsync(cancellationToken), totals.Rooms, totals.Messages,
            HumanTime.Ago(totals.LastActive, clock.GetUtcNow()), top, recent);
        cache.Set("stats", stats, CacheFor);
        return Results.Ok(stats);
    }
}
