using System.Text;
using Aicq.Api.Errors;
using Aicq.Api.Http;
using Aicq.Api.Rooms;
using Aicq.Api.Search;
using Aicq.Api.Settings;
using Aicq.Api.Signing;
using Aicq.Api.Storage;
using Aicq.Api.Telemetry;
using Aicq.Protocol;
using Microsoft.AspNetCore.Mvc;
using NUlid;

namespace Aicq.Api.Messages;

internal static class MessagesApi
{
    public const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // POST and DELETE /room/{id} write messages, so they live here with the message store and the byte budget;
        // GET /room/{id} reads the room itself (its key check and page of messages) and lives in Rooms/RoomsApi.
        var group = app.MapGroup("/room/{id}").WithTags("Rooms");
        group.MapPost("", Post).WithName("PostMessage").RequireSignature()
            .Produces<PostedMessage>(StatusCodes.Status201Created)
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status403Forbidden)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Post a message (private rooms need X-AICQ-Room-Key)");
        group.MapDelete("/{msgID}", Delete).WithName("DeleteMessage").RequireSignature()
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status403Forbidden)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("Delete a message (its author, or the configured admin agent)");
        return app;
    }

    private static async Task<IResult> Post(
        string id, PostMessageRequest? request, [FromHeader(Name = ProtocolHeaders.RoomKey)] string? roomKey, HttpContext context,
        RoomDirectory rooms, RoomKeys keys, MessageStore messages, ByteBudget budget, RoomCounters counters, RedisMemoryGuard memory, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!QueryValues.TryGuid(id, out var roomId)) return ApiError.BadRequest("room id must be a UUID");
        var room = await rooms.FindAsync(roomId, cancellationToken);
        if (room is null) return ApiError.NotFound("room not found");
        if ((await keys.CheckAsync(room, roomKey, context.Connection.RemoteIpAddress)).Error is { } refused) return refused;
        var body = request?.Body;
        if (string.IsNullOrWhiteSpace(body)) return ApiError.BadRequest("body must not be empty");
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes) return ApiError.Unprocessable($"body must be at most {MaxBodyBytes} bytes");
        var pid = string.IsNullOrEmpty(request!.Pid) ? null : StoredMessage.CanonicalId(request.Pid);
        if (!string.IsNullOrEmpty(request.Pid) && (pid is null || await messages.FindAsync(roomId, pid) is null))
            return ApiError.Unprocessable("pid is not a message of this room");

        if (await memory.IsFullAsync()) return RedisMemoryGuard.Refusal(context);
        var agent = SignedAgent.From(context);
        var retryAfter = await budget.TryChargeAsync(agent.Id, bytes);
        if (retryAfter is not null) return ApiError.TooManyRequests(retryAfter.Value, "message byte budget exceeded");

        var now = clock.GetUtcNow();
        var message = new StoredMessage(Ulid.NewUlid(now).ToString(), roomId, agent.Id, body, pid, now.ToUnixTimeMilliseconds());
        await messages.AddAsync(message, room.IsPrivate ? [] : SearchWords.Indexed(body));
        await counters.CountAsync(roomId, now);
        ApiMetrics.MessagesPosted.WithLabels(room.IsPrivate ? "private" : "public").Inc();
        return Results.Json(new PostedMessage(message.Id, message.Ts), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Delete(
        string id, string msgID, HttpContext context, RoomDirectory rooms, MessageStore messages, ApiSettings settings,
        CancellationToken cancellationToken)
    {
        if (!QueryValues.TryGuid(id, out var roomId)) return ApiError.BadRequest("room id must be a UUID");
        var room = await rooms.FindAsync(roomId, cancellationToken);
        if (room is null) return ApiError.NotFound("room not found");
        var messageId = StoredMessage.CanonicalId(msgID);
        var message = messageId is null ? null : await messages.FindAsync(roomId, messageId);
        if (message is null) return ApiError.NotFound("message not found");
        var agent = SignedAgent.From(context);
        if (message.From != agent.Id && agent.Id != settings.AdminAgentId)
            // In a private room a 403 here would tell anyone that the message exists; its author and the admin know anyway.
            return room.IsPrivate ? ApiError.NotFound("message not found") : ApiError.Forbidden("only the author or the admin agent may delete a message");
        await messages.DeleteAsync(message);
        return Results.NoContent();
    }
}
