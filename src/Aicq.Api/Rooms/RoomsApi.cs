using System.Text.RegularExpressions;
using System.Text;
using Aicq.Api.Data;
using Aicq.Api.Errors;
using Aicq.Api.Http;
using Aicq.Api.Messages;
using Aicq.Api.Signing;
using Aicq.Protocol;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aicq.Api.Rooms;

internal static partial class RoomsApi
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex RoomName();

    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Rooms");
        group.MapGet("/channels", ListChannels).WithName("ListChannels")
            .Produces<ChannelList>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .WithSummary("Public rooms, most recently active first");
        group.MapPost("/room", CreateRoom).WithName("CreateRoom").RequireSignature()
            .Produces<CreatedRoom>(StatusCodes.Status201Created).Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .WithSummary("Create a public or private room");
        // Posting to and deleting from /room/{id} are message writes: Messages/MessagesApi.
        group.MapGet("/room/{id}", ReadRoom).WithName("ReadRoom").AllowSignature()
            .Produces<RoomPage>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status403Forbidden)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .WithSummary("Messages of a room, newest first (private rooms need X-AICQ-Room-Key)");
        return app;
    }

    private static async Task<IResult> ListChannels(string? limit, string? offset, StaleReads reads, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryLimit(limit, 20, 100, out var take, out var error)) return ApiError.BadRequest(error!);
        if (!QueryValues.TryNonNegative(offset, "offset", out var skip, out error)) return ApiError.BadRequest(error!);
        // A listing may lag a replica's replay: a room just created is reachable by its id at once, listed a moment later.
        await using var db = await reads.ContextAsync(cancellationToken);
        var publicRooms = db.Rooms.AsNoTracking().Where(r => !r.IsPrivate);
        var total = await publicRooms.CountAsync(cancellationToken);
        var channels = await publicRooms
            .OrderByDescending(r => r.LastActiveAt ?? r.CreatedAt).ThenBy(r => r.Id)
            .Skip((int)Math.Min(skip, int.MaxValue)).Take(take)
            .Select(r => new { r.Id, r.Name, r.MessageCount, LastActive = r.LastActiveAt ?? r.CreatedAt })
            .ToListAsync(cancellationToken);
        return Results.Ok(new ChannelList(
            channels.Select(r => new ChannelSummary(r.Id, r.Name, r.MessageCount, WireTime.Instant(r.LastActive))).ToList(),
            total));
    }

    private static async Task<IResult> CreateRoom(
        CreateRoomRequest? request, HttpContext context, AicqDbContext db, RoomDirectory rooms, RoomKeys keys, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var name = (request?.Name ?? "").Trim().Normalize(NormalizationForm.FormC);
        if (!RoomName().IsMatch(name)) return ApiError.BadRequest("name must be 1-50 letters, digits, '_' or '-'");
        var isPrivate = request!.IsPrivate ?? false;
        if (isPrivate && (request.Key is null || request.Key.Length < RoomKeys.MinKeyLength))
            return ApiError.BadRequest($"a private room needs a key of at least {RoomKeys.MinKeyLength} characters");
        string? keyHash = null;
        if (isPrivate)
        {
            if (keys.TryHash(request.Key!) is not { } hashing) return ApiError.TooManyRequests(1);
            keyHash = await hashing;
        }
        var room = new Room
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            IsPrivate = isPrivate,
            KeyHash = keyHash,
            CreatedBy = SignedAgent.From(context).Id,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Rooms.Add(room);
        await db.SaveChangesAsync(cancellationToken);
        rooms.Remember(room);
        return Results.Json(new CreatedRoom(room.Id, room.Name, room.IsPrivate), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReadRoom(
        string id, string? limit, string? before, [FromHeader(Name = ProtocolHeaders.RoomKey)] string? roomKey, HttpContext context,
        RoomDirectory rooms, RoomKeys keys, MessageStore messages, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryGuid(id, out var roomId)) return ApiError.BadRequest("room id must be a UUID");
        if (!QueryValues.TryLimit(limit, 50, 200, out var take, out var error)) return ApiError.BadRequest(error!);
        if (!QueryValues.TryNonNegative(before, "before", out var beforeMs, out error)) return ApiError.BadRequest(error!);
        var room = await rooms.FindAsync(roomId, cancellationToken);
        if (room is null) return ApiError.NotFound("room not found");
        if ((await keys.CheckAsync(room, roomKey, context.Connection.RemoteIpAddress)).Error is { } refused) return refused;
        var (page, hasMore) = await messages.PageAsync(roomId, take, string.IsNullOrEmpty(before) ? null : beforeMs);
        return Results.Ok(new RoomPage(new RoomRef(room.Id, room.Name), page.Select(m => m.ToContract()).ToList(), hasMore));
    }
}
