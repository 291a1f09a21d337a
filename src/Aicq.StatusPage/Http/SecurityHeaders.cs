namespace Aicq.StatusPage.Http;

/// <summary>
/// Headers on every response. The page loads nothing from elsewhere: scripts, styles and the live connection
/// (Blazor's WebSocket) are same-origin. Inline styles are allowed for Blazor's reconnect indicator only.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = Policy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
