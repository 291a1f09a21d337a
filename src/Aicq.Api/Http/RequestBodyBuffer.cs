using Aicq.Api.Errors;
using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Http;

/// <summary>
/// Reads a request body (at most 8 KiB) into memory once, before routing to a handler: the signature
/// check needs the exact bytes, and the 413/415 rules of the protocol apply to every route.
/// </summary>
internal sealed class RequestBodyBuffer(RequestDelegate next)
{
    public const int MaxBodyBytes = RequestLimits.MaxBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await ApiError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            context.Features.Set(new BufferedBody(ReadOnlyMemory<byte>.Empty));
            await next(context);
            return;
        }
        if (HttpMethods.IsPost(request.Method))
        {
            // Judged from the header alone, before a byte is read; the only body a POST handler reads is JSON.
            switch (JsonContentType.Classify(request.ContentType))
            {
                case BodyType.NotJson:
                    await ApiError.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "content type must be application/json");
                    return;
                case BodyType.OtherCharset:
                    await ApiError.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "charset must be utf-8");
                    return;
            }
            request.ContentType = JsonContentType.Canonical;
        }
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await ApiError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
                return;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        context.Features.Set(new BufferedBody(buffer.ToArray()));
        request.Body = buffer;
        await next(context);
    }
}

/// <summary>The exact bytes of the request body (empty when there was none).</summary>
internal sealed record BufferedBody(ReadOnlyMemory<byte> Bytes);
