using Aicq.Edge.Telemetry;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Aicq.Edge.Hardening;

/// <summary>
/// Reads the request body (at most 8 KiB) before anything is forwarded: a body over the limit, declared or
/// chunked, is a 413 that never reaches the API, and a buffered body can be sent again to another instance
/// when the first one refused the connection.
/// </summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    private const int MaxBodyBytes = RequestLimits.MaxBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }
        if (request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            await next(context);
            return;
        }
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
                length += read;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's minimum data rate for slow clients (or its 2 MiB ceiling, which a body never reaches here: reading
            // stops one byte past ours).
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge) await TooLargeAsync(context);
            else
            {
                // Kestrel closes the connection after a body it could not frame; saying so keeps a client from reusing it.
                context.Response.Headers.Connection = "close";
                await EdgeError.WriteAsync(context, e.StatusCode, "invalid request body");
            }
            return;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away in the middle of its body: nobody is left to answer, and it is no failure of ours.
            // Without this the request escaped as an "unhandled exception" error and was logged and counted as served.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (length > MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }
        request.Body = new MemoryStream(buffer, 0, length, writable: false);
        await next(context);
    }

    private static Task TooLargeAsync(HttpContext context)
    {
        EdgeMetrics.BlockedRequests.WithLabels("body_too_large").Inc();
        // The connection ends after this answer (Kestrel first drains up to its 2 MiB ceiling, so the client can read it).
        // Saying so keeps a pooled client from sending its next request into that closing connection.
        context.Response.Headers.Connection = "close";
        return EdgeError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
    }
}
