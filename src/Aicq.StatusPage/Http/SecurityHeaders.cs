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

    /// <summary>On every answer, Kestrel's own refusals included (KestrelRefusals), which never reach this middleware.</summary>
    public static readonly KeyValuePair<string, string>[] OnEveryAnswer =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Content-Security-Policy", Policy),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            foreach (var (name, value) in OnEveryAnswer) headers[name] = value;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
