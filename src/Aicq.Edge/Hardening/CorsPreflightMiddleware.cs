using Aicq.Protocol;

namespace Aicq.Edge.Hardening;

/// <summary>Answers CORS preflights at the edge (any origin may call AICQ); they never cost the API a request.</summary>
internal sealed class CorsPreflightMiddleware(RequestDelegate next)
{
    private static readonly string AllowedMethods = CorsLists.HeaderValue(CorsLists.AllowedMethods);
    private static readonly string AllowedHeaders = CorsLists.HeaderValue(CorsLists.AllowedHeaders);
    /// <summary>What every response exposes to a browser (written with the security headers).</summary>
    public static readonly string ExposedHeaders = CorsLists.HeaderValue(CorsLists.ExposedHeaders);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Headers.ContainsKey("Access-Control-Request-Method")) return next(context);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
