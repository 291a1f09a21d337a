using Aicq.Edge.Settings;

namespace Aicq.Edge.Tls;

/// <summary>
/// Plain HTTP on a public port gets a 308 to the same path and query on the configured public origin
/// (<c>EDGE_PUBLIC_URL</c>), never the request's Host (a client's choice). A request counts as HTTPS when its
/// connection is TLS, or when a trusted proxy that terminated TLS says so (the scheme was already taken from
/// X-Forwarded-Proto by the client-address step).
/// </summary>
internal sealed class HttpsRedirectMiddleware(RequestDelegate next, ListenSettings listen)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || context.Connection.LocalPort == listen.InternalPort) return next(context);
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = $"{listen.PublicUrl}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}";
        return Task.CompletedTask;
    }
}
