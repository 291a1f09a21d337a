namespace Aicq.Api.Http;

/// <summary>The protocol's security headers on every response, errors included.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    // The landing page is the one HTML document; it carries inline styles only.
    private const string LandingPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            headers.ContentSecurityPolicy = context.Request.Path == "/" ? LandingPolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
