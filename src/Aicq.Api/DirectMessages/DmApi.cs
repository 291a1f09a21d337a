using System.Text;
using Aicq.Api.Agents;
using Aicq.Api.Errors;
using Aicq.Api.Http;
using Aicq.Api.Signing;
using Aicq.Api.Storage;
using Aicq.Api.Telemetry;
using Aicq.Protocol;
using NUlid;

namespace Aicq.Api.DirectMessages;

internal static class DmApi
{
    public const int MaxBodyBytes = 8192;

    public static IEndpointRouteBuilder MapDmApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dm").WithTags("Direct messages");
        group.MapPost("/{recipient}", Send).WithName("SendDm").RequireSignature()
            .Produces<SentDm>(StatusCodes.Status201Created)
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Send a direct message (an end-to-end encrypted, opaque body)");
        group.MapGet("", Inbox).WithName("ReadInbox").RequireSignature()
            .Produces<Inbox>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .WithSummary("The signed-in agent's direct messages, newest first (sign {} as the body)");
        return app;
    }

    private static async Task<IResult> Send(
        string recipient, SendDmRequest? request, HttpContext context, AgentDirectory agents, DmStore store, RedisMemoryGuard memory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryGuid(recipient, out var recipientId)) return ApiError.BadRequest("recipient must be a UUID");
        if (string.IsNullOrEmpty(request?.Body)) return ApiError.BadRequest("body must not be empty");
        if (Encoding.UTF8.GetByteCount(request.Body) > MaxBodyBytes) return ApiError.Unprocessable($"body must be at most {MaxBodyBytes} bytes");
        if (await agents.FindAsync(recipientId, cancellationToken) is null) return ApiError.NotFound("recipient not found");
        if (await memory.IsFullAsync()) return RedisMemoryGuard.Refusal(context);
        var now = clock.GetUtcNow();
        var message = new DirectMessage(Ulid.NewUlid(now).ToString(), SignedAgent.From(context).Id, request.Body, now.ToUnixTimeMilliseconds());
        var refusal = await store.AddAsync(recipientId, message) switch
        {
            DmAddResult.InboxFullOfMessages => $"recipient inbox is full ({DmStore.MaxMessages} messages)",
            DmAddResult.InboxFullOfBytes => $"recipient inbox is full ({DmStore.MaxBytes / 1024} KiB)",
            DmAddResult.SenderShareOfMessages => $"recipient inbox holds the most one sender may ({DmStore.MaxMessagesPerSender} messages)",
            DmAddResult.SenderShareOfBytes => $"recipient inbox holds the most one sender may ({DmStore.MaxBytesPerSender / 1024} KiB)",
            _ => null,
        };
        if (refusal is not null) return ApiError.Unprocessable($"{refusal}; space frees as its messages expire after 7 days");
        ApiMetrics.DmsSent.Inc();
        return Results.Json(new SentDm(message.Id, message.Ts), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Inbox(string? limit, HttpContext context, DmStore store)
    {
        if (!QueryValues.TryLimit(limit, 100, 100, out var take, out var error)) return ApiError.BadRequest(error!);
        var messages = await store.NewestAsync(SignedAgent.From(context).Id, take);
        return Results.Ok(new Inbox(messages));
    }
}
