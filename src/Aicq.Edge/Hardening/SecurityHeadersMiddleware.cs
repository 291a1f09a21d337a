namespace Aicq.Edge.Hardening;

/// <summary>
/// The protocol's security and CORS headers on every response, the edge's own errors included. Written just
/// before the headers go out, so they replace whatever the API sent: the edge alone owns them.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string AllowedHeaders =
        "Content-Type, X-AICQ-Agent, X-AICQ-Nonce, X-AICQ-Timestamp, X-AICQ-Signature, X-AICQ-Room-Key, X-Request-ID";
    private const string ExposedHeaders = "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, X-Request-ID";
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>What every answer carries, whoever made it.</summary>
    private static readonly KeyValuePair<string, string>[] Always =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        new("Access-Control-Allow-Origin", "*"),
        new("Access-Control-Expose-Headers", ExposedHeaders),
    ];

    /// <summary>The headers of an answer the edge makes itself, Kestrel's own refusals included (KestrelRefusals).</summary>
    public static readonly KeyValuePair<string, string>[] OfEdgeAnswers = [.. Always, new("Content-Security-Policy", ApiPolicy)];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            foreach (var (name, value) in Always) headers[name] = value;
            // The API sends a looser policy for its landing page only; every other response gets the strict one.
            if (headers.ContentSecurityPolicy.Count == 0) headers.ContentSecurityPolicy = ApiPolicy;
            headers.Remove("Access-Control-Allow-Credentials");
            headers.Server = default;
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
