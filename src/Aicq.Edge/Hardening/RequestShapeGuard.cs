using Aicq.Edge.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Aicq.Edge.Hardening;

/// <summary>
/// The edge's limits on the shape of a request, checked in one pass so that each refusal is an edge error with the
/// protocol's body and security headers (Kestrel's own refusals have neither):
/// a request target over <see cref="MaxTargetBytes"/> is <c>414</c>; more than <see cref="MaxHeaderCount"/> headers or
/// over <see cref="MaxHeaderBytes"/> of them is <c>431</c>; a header name with an underscore is <c>400</c>, because
/// servers behind CGI-style gateways read <c>X_AICQ_Agent</c> and <c>X-AICQ-Agent</c> as the same variable, which
/// would let a client slip a second identity past the edge. Kestrel keeps hard ceilings above these
/// (<see cref="KestrelLimits"/>) so that only requests far beyond them are refused before this runs.
/// </summary>
internal sealed class RequestShapeGuard(RequestDelegate next)
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderCount = 50;
    public const int MaxHeaderBytes = 16 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (target.Length > MaxTargetBytes) return Refuse(context, StatusCodes.Status414UriTooLong, "request target too long", "uri_too_long");

        var headers = context.Request.Headers;
        if (headers.Count > MaxHeaderCount) return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "too many request headers", "headers_too_large");
        var bytes = 0;
        var underscore = false;
        foreach (var (name, values) in headers)
        {
            underscore |= name.Contains('_');
            bytes += name.Length;
            foreach (var value in values) bytes += value?.Length ?? 0;
        }
        if (bytes > MaxHeaderBytes) return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "request headers too large", "headers_too_large");
        if (underscore) return Refuse(context, StatusCodes.Status400BadRequest, "header names must not contain underscores", "bad_header");
        return next(context);
    }

    private static Task Refuse(HttpContext context, int status, string message, string reason)
    {
        EdgeMetrics.BlockedRequests.WithLabels(reason).Inc();
        return EdgeError.WriteAsync(context, status, message);
    }
}
