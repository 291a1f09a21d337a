namespace Aicq.StatusPage.Http;

/// <summary>
/// <c>/internal/*</c> and <c>/metrics</c> exist only on the internal port. The check is on the port the connection
/// arrived at, not on the Host header, which any client can set to the internal port's value.
/// </summary>
internal sealed class InternalPortGuard(RequestDelegate next, int internalPort)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort != internalPort && IsInternalPath(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }

    public static bool IsInternalPath(PathString path) =>
        path.StartsWithSegments("/internal", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
