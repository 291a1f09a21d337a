namespace Aicq.Api.Http;

/// <summary>The protocol's security headers on every response, errors included.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    // The landing page is the one HTML document; it carries inline styles only.
    private const string LandingPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] Always =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ];

    /// <summary>The headers of Kestrel's own refusals (KestrelRefusals), which never reach this middleware.</summary>
    public static readonly KeyValuePair<string, string>[] OfRefusals = [.. Always, new("Content-Security-Policy", ApiPolicy)];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            foreach (var (name, value) in Always) headers[name] = value;
            headers.ContentSecurityPolicy = context.Request.Path == "/" ? LandingPolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
