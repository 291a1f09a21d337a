using Aicq.Edge.Telemetry;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Aicq.Edge.Hardening;

/// <summary>
/// The edge's limits on the shape of a request (<see cref="RequestLimits"/>), checked in one pass so that each refusal
/// is an edge error with the protocol's body and security headers (Kestrel's own refusals have neither):
/// a request line over <see cref="RequestLimits.MaxRequestLineBytes"/> as it will be forwarded is <c>414</c>; more than
/// <see cref="RequestLimits.MaxHeaderCount"/> header lines or over <see cref="RequestLimits.MaxHeaderBytes"/> of them is
/// <c>431</c>; a header name with an underscore is <c>400</c>, because servers behind CGI-style gateways read
/// <c>X_AICQ_Agent</c> and <c>X-AICQ-Agent</c> as the same variable, which would let a client slip a second identity
/// past the edge; a header value that is not ASCII is <c>400</c> (Kestrel decodes values as Latin-1 here, see
/// <see cref="KestrelLimits"/>, so that this answer is the edge's and not Kestrel's bare one, and nothing the API's
/// ASCII-only forwarding cannot send gets as far as a 502).
/// </summary>
internal sealed class RequestShapeGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // The longer of the target as received and as forwarded: the proxy re-escapes the decoded path, which can grow it.
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Length;
        var forwarded = request.Path.ToUriComponent().Length + request.QueryString.ToUriComponent().Length;
        if (RequestLimits.RequestLineBytes(request.Method, Math.Max(raw, forwarded)) > RequestLimits.MaxRequestLineBytes)
            return Refuse(context, StatusCodes.Status414UriTooLong, "request target too long", "uri_too_long");

        var (lines, bytes, underscore, nonAscii) = (0, 0, false, false);
        foreach (var (name, values) in request.Headers)
        {
            underscore |= name.Contains('_');
            foreach (var value in values)
            {
                lines++;
                bytes += name.Length + (value?.Length ?? 0);
                nonAscii |= value is not null && !System.Text.Ascii.IsValid(value);
            }
        }
        if (lines > RequestLimits.MaxHeaderCount) return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "too many request headers", "headers_too_large");
        if (bytes > RequestLimits.MaxHeaderBytes) return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "request headers too large", "headers_too_large");
        if (underscore) return Refuse(context, StatusCodes.Status400BadRequest, "header names must not contain underscores", "bad_header");
        if (nonAscii) return Refuse(context, StatusCodes.Status400BadRequest, "header values must be ASCII", "bad_header");
        return next(context);
    }

    private static Task Refuse(HttpContext context, int status, string message, string reason)
    {
        EdgeMetrics.BlockedRequests.WithLabels(reason).Inc();
        return EdgeError.WriteAsync(context, status, message);
    }
}
