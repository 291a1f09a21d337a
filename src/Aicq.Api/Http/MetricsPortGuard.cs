using Aicq.Api.Errors;
using Aicq.Api.Settings;

namespace Aicq.Api.Http;

/// <summary>
/// The metrics port is for the scraper and the platform's checks only: <c>/metrics</c> and the health endpoints.
/// Everything else answers 404 there, so no protocol call can be made on a port that the edge does not front
/// (its rate limits, blocks and client-address rules would not apply). Decided by the port a connection arrived on,
/// never by its Host header.
/// </summary>
internal sealed class MetricsPortGuard(RequestDelegate next, ApiSettings settings)
{
    private static readonly string[] Served = ["/metrics", "/health", "/health/live", "/health/ready"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort != settings.MetricsPort) return next(context);
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        if (Served.Any(p => string.Equals(p, path, StringComparison.OrdinalIgnoreCase))) return next(context);
        return ApiError.WriteAsync(context, StatusCodes.Status404NotFound, "not found");
    }
}
