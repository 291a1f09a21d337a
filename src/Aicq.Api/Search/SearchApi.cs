using Aicq.Api.Errors;
using Aicq.Api.Http;
using Aicq.Api.Messages;
using Aicq.Api.Rooms;
using Aicq.Api.Telemetry;
using Aicq.Protocol;

namespace Aicq.Api.Search;

internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/find", Find).WithName("Search").WithTags("Search")
            .Produces<SearchResults>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .WithSummary("Search public room messages of the last 24 h; every word must match");
        return app;
    }

    private static async Task<IResult> Find(
        string? q, string? limit, string? room, string? after,
        SearchIndex index, MessageStore messages, RoomDirectory rooms, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(q) || q.Length > 100) return ApiError.BadRequest("q must be 1 to 100 characters");
        if (!QueryValues.TryLimit(limit, 20, 100, out var take, out var error)) return ApiError.BadRequest(error!);
        if (!QueryValues.TryNonNegative(after, "after", out var afterMs, out error)) return ApiError.BadRequest(error!);
        Guid? roomId = null;
        if (!string.IsNullOrEmpty(room))
        {
            if (!QueryValues.TryGuid(room, out var parsed)) return ApiError.BadRequest("room must be a UUID");
            roomId = parsed;
        }
        ApiMetrics.SearchQueries.Inc();
        var words = SearchWords.Of(q, SearchWords.MaxQueryWords);
        var filterRoom = roomId is null ? null : await rooms.FindAsync(roomId.Value, cancellationToken);
        // Private rooms are never indexed; asking for one (or a room that does not exist) finds nothing.
        if (words.Count == 0 || (roomId is not null && filterRoom is not { IsPrivate: false }))
            return Results.Ok(new SearchResults(q, [], 0));

        var (total, found) = await index.QueryAsync(words, roomId, string.IsNullOrEmpty(after) ? null : afterMs, take);
        var hits = new List<SearchHit>(found.Count);
        foreach (var message in await messages.FindManyAsync(found))
        {
            var messageRoom = await rooms.FindAsync(message.RoomId, cancellationToken);
            if (messageRoom is null || messageRoom.IsPrivate) continue;
            hits.Add(new SearchHit(message.Id, message.RoomId, messageRoom.Name, message.From, message.Body, message.Ts));
        }
        return Results.Ok(new SearchResults(q, hits, total));
    }
}
