using Aicq.Edge.Settings;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.Edge.Hardening;

/// <summary>Connection-level limits: what a client may send and how slowly, before any middleware runs.</summary>
internal static class KestrelLimits
{
    /// <summary>
    /// Header values decoded as Latin-1, one byte one character: Kestrel's default (UTF-8) refuses a value that is not
    /// valid UTF-8 itself, with a bare 400, before any middleware; this way every value reaches RequestShapeGuard, which
    /// refuses what is not ASCII with the protocol's error. Control characters (and NUL, CR, LF) Kestrel still refuses.
    /// </summary>
    public static void Apply(KestrelServerOptions kestrel, ListenSettings listen)
    {
        kestrel.RequestHeaderEncodingSelector = static _ => System.Text.Encoding.Latin1;
        Apply(kestrel.Limits, listen);
    }

    public static void Apply(KestrelServerLimits limits, ListenSettings listen)
    {
        // Hard ceilings, four times the client limits (RequestLimits): within them RequestShapeGuard refuses with the
        // protocol's error body and headers; only a request far beyond gets Kestrel's bare 431/414.
        limits.MaxRequestHeaderCount = 4 * RequestLimits.MaxHeaderCount;
        limits.MaxRequestHeadersTotalSize = 4 * RequestLimits.MaxHeaderBytes;
        limits.MaxRequestLineSize = 4 * RequestLimits.MaxRequestLineBytes;
        // BodyLimitMiddleware answers 413 past 8 KiB; up to this ceiling Kestrel then reads and drops the rest of the
        // body, so a client that sends a big body without Expect: 100-continue reads the 413 instead of a reset.
        limits.MaxRequestBodySize = 256 * RequestLimits.MaxBodyBytes;
        // Slow-client protection: a client that dribbles its headers or body holds a connection for nothing.
        limits.RequestHeadersTimeout = listen.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(75);
    }
}
