namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// The security headers one service puts on every response, its errors included. Each service registers its
/// set (<see cref="SecurityHeaderSets"/>) as a singleton, so code that answers outside the request pipeline
/// (Kestrel's own refusals) writes the same headers through <see cref="WriteTo"/>.
/// </summary>
public sealed record SecurityHeaderSet
{
    /// <summary>The Content-Security-Policy unless <see cref="PolicyByPath"/> names the path.</summary>
    public required string ContentSecurityPolicy { get; init; }
    /// <summary>Exact paths (the API's HTML landing page) with a policy of their own.</summary>
    public IReadOnlyDictionary<string, string> PolicyByPath { get; init; } = new Dictionary<string, string>();
    /// <summary>A policy already on the response (a proxied one) is kept; the default fills in only where none is.</summary>
    public bool KeepExistingPolicy { get; init; }
    public bool StrictTransportSecurity { get; init; }
    /// <summary>When set: open CORS (any origin, no credentials) exposing these headers.</summary>
    public string? CorsExposedHeaders { get; init; }

    public void WriteTo(IHeaderDictionary headers, PathString path)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        if (StrictTransportSecurity) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        if (!KeepExistingPolicy || headers.ContentSecurityPolicy.Count == 0)
            headers.ContentSecurityPolicy = path.Value is { } p && PolicyByPath.TryGetValue(p, out var own) ? own : ContentSecurityPolicy;
        if (CorsExposedHeaders is not null)
        {
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = CorsExposedHeaders;
            headers.Remove("Access-Control-Allow-Credentials");
        }
        headers.Server = default;
        headers.Remove("X-Powered-By");
    }

    /// <summary>The headers of an answer no request path chose: Kestrel's own refusals (<see cref="KestrelRefusals"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OfRefusals()
    {
        var headers = new HeaderDictionary();
        WriteTo(headers, PathString.Empty);
        return [.. headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()))];
    }
}

/// <summary>Writes the registered <see cref="SecurityHeaderSet"/> just before the headers go out, so nothing later replaces them.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeaderSet set)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            set.WriteTo(context.Response.Headers, context.Request.Path);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
