namespace Aicq.StatusPage.Http;

/// <summary>
/// <c>/internal/*</c>, <c>/metrics</c> and the probes (<c>/health/*</c>) exist only on the internal port. The check is
/// on the port the connection arrived at, not on the Host header, which any client can set to the internal port's value.
/// </summary>
internal sealed class InternalPortGuard(RequestDelegate next, int internalPort)
{
    private static readonly string[] InternalPrefixes = ["/internal", "/metrics", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort != internalPort && IsInternalPath(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static bool IsInternalPath(PathString path) =>
        InternalPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
