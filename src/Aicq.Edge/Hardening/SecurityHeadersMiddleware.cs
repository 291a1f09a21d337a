using Aicq.Protocol;

namespace Aicq.Edge.Hardening;

/// <summary>
/// The protocol's security and CORS headers on every response, the edge's own errors included. Written just
/// before the headers go out, so they replace whatever the API sent: the edge alone owns them.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private static readonly string ExposedHeaders = CorsLists.HeaderValue(CorsLists.ExposedHeaders);
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            // The API sends a looser policy for its landing page only; every other response gets the strict one.
            if (headers.ContentSecurityPolicy.Count == 0) headers.ContentSecurityPolicy = ApiPolicy;
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = ExposedHeaders;
            headers.Remove("Access-Control-Allow-Credentials");
            headers.Server = default;
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
