using Aicq.Edge.Hardening;
using Aicq.Edge.Settings;

namespace Aicq.Edge.Tls;

/// <summary>
/// Plain HTTP on a public port gets a 308 to the same URL over HTTPS (method and body preserved by clients).
/// A request counts as HTTPS when its connection is TLS, or when a trusted proxy that terminated TLS says so
/// (the scheme was already taken from X-Forwarded-Proto by the client-address step).
/// </summary>
internal sealed class HttpsRedirectMiddleware(RequestDelegate next, ListenSettings listen)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || context.Connection.LocalPort == listen.InternalPort) return next(context);
        if (!request.Host.HasValue) return EdgeError.WriteAsync(context, StatusCodes.Status400BadRequest, "missing Host header");
        var port = listen.RedirectHttpsPort == 443 ? "" : $":{listen.RedirectHttpsPort}";
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = $"https://{request.Host.Host}{port}{request.PathBase}{request.Path}{request.QueryString}";
        return Task.CompletedTask;
    }
}
