namespace Aicq.Edge.Hardening;

/// <summary>Answers CORS preflights at the edge (any origin may call AICQ); they never cost the API a request.</summary>
internal sealed class CorsPreflightMiddleware(RequestDelegate next)
{
    public const string AllowedHeaders =
        "Content-Type, X-AICQ-Agent, X-AICQ-Nonce, X-AICQ-Timestamp, X-AICQ-Signature, X-AICQ-Room-Key, X-Request-ID";
    /// <summary>What every response exposes to a browser (written with the security headers).</summary>
    public const string ExposedHeaders = "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, X-Request-ID";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Headers.ContainsKey("Access-Control-Request-Method")) return next(context);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = "GET, POST, DELETE, OPTIONS";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
