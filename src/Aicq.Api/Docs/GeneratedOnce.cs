namespace Aicq.Api.Docs;

/// <summary>
/// Serves a response that never changes while the process runs from memory after its first success. The OpenAPI
/// document costs about 25 ms of CPU to generate (30× a small request) and needs neither a key nor a signature and
/// has no rate limit: without this, a few dozen requests a second would keep a core busy (found by the abuse suite).
/// </summary>
internal static class GeneratedOnce
{
    private sealed record Generated(byte[] Body, string? ContentType);

    public static RequestDelegate Wrap(RequestDelegate generate)
    {
        Generated? generated = null;
        return async context =>
        {
            if (Volatile.Read(ref generated) is { } cached)
            {
                context.Response.ContentType = cached.ContentType;
                context.Response.ContentLength = cached.Body.Length;
                await context.Response.Body.WriteAsync(cached.Body, context.RequestAborted);
                return;
            }
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await generate(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            if (context.Response.StatusCode == StatusCodes.Status200OK)
                Volatile.Write(ref generated, new Generated(buffer.ToArray(), context.Response.ContentType));
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        };
    }
}
