namespace Aicq.ServiceDefaults.Http;

/// <summary>Each service's security headers, side by side so a difference between them is a decision, not a drift.</summary>
public static class SecurityHeaderSets
{
    private const string JsonPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>JSON everywhere; the landing page is the one HTML document and carries inline styles only.</summary>
    public static readonly SecurityHeaderSet Api = new()
    {
        ContentSecurityPolicy = JsonPolicy,
        PolicyByPath = new Dictionary<string, string> { ["/"] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'" },
        StrictTransportSecurity = true,
    };

    /// <summary>
    /// The edge alone owns the protocol's headers and replaces what the API sent, except the API's own policy
    /// (its landing page's looser one); every response of the edge's own gets the strict one.
    /// </summary>
    public static SecurityHeaderSet Edge(string corsExposedHeaders) => new()
    {
        ContentSecurityPolicy = JsonPolicy,
        KeepExistingPolicy = true,
        StrictTransportSecurity = true,
        CorsExposedHeaders = corsExposedHeaders,
    };

    /// <summary>
    /// The page loads nothing from elsewhere: scripts, styles and the live connection (Blazor's WebSocket) are
    /// same-origin. Inline styles are allowed for Blazor's reconnect indicator only.
    /// </summary>
    public static readonly SecurityHeaderSet StatusPage = new()
    {
        ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    };
}
