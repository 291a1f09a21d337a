using Aicq.Edge.Telemetry;

namespace Aicq.Edge.Hardening;

/// <summary>
/// Rejects header names with underscores: servers behind CGI-style gateways read <c>X_AICQ_Agent</c> and
/// <c>X-AICQ-Agent</c> as the same variable, which would let a client slip a second identity past the edge.
/// </summary>
internal sealed class HeaderNameGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var name in context.Request.Headers.Keys)
        {
            if (!name.Contains('_')) continue;
            EdgeMetrics.BlockedRequests.WithLabels("bad_header").Inc();
            return EdgeError.WriteAsync(context, StatusCodes.Status400BadRequest, "header names must not contain underscores");
        }
        return next(context);
    }
}
