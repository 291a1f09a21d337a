using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// The one place the size of a client's request is decided. The edge refuses anything beyond these with the
/// protocol's error body and security headers (414, 431, 413). The API's own Kestrel limits sit above them, with room
/// for what the edge adds when it forwards, so that a request the edge passes is always one the API reads: the edge's
/// JSON answer is the one a client sees, never the API's bare Kestrel refusal.
/// </summary>
public static class RequestLimits
{
    /// <summary>The request line as the API will receive it: <c>METHOD SP target SP HTTP/1.1 CRLF</c>.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;
    /// <summary>Header lines (a header sent twice counts twice).</summary>
    public const int MaxHeaderCount = 50;
    /// <summary>Names and values of every header line.</summary>
    public const int MaxHeaderBytes = 16 * 1024;
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>At most what the edge adds to a forwarded request: X-Forwarded-For, X-Forwarded-Proto, X-Request-ID, traceparent, tracestate and the rest.</summary>
    public const int ForwardingHeaderCount = 10;
    public const int ForwardingHeaderBytes = 2 * 1024;

    /// <summary>The API's Kestrel limits, behind the edge: twice what a client may send, which covers what the edge adds.</summary>
    public static void ApplyBehindEdge(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 2 * MaxRequestLineBytes;
        limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        limits.MaxRequestBodySize = 2 * MaxBodyBytes;
    }

    /// <summary>The bytes of the HTTP/1.1 request line for this method and target.</summary>
    public static int RequestLineBytes(string method, int targetBytes) => method.Length + 1 + targetBytes + " HTTP/1.1\r\n".Length;
}
