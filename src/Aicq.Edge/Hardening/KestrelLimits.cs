using Aicq.Edge.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.Edge.Hardening;

/// <summary>Connection-level limits: what a client may send and how slowly, before any middleware runs.</summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerLimits limits, ListenSettings listen)
    {
        // Hard ceilings, four times the edge's own limits: within them RequestShapeGuard refuses with the protocol's
        // error body and headers; only a request far beyond gets Kestrel's bare 431/414.
        limits.MaxRequestHeaderCount = 4 * RequestShapeGuard.MaxHeaderCount;
        limits.MaxRequestHeadersTotalSize = 4 * RequestShapeGuard.MaxHeaderBytes;
        limits.MaxRequestLineSize = 4 * RequestShapeGuard.MaxTargetBytes;
        // BodyLimitMiddleware answers 413 past 8 KiB; up to this ceiling Kestrel then reads and drops the rest of the
        // body, so a client that sends a big body without Expect: 100-continue reads the 413 instead of a reset.
        limits.MaxRequestBodySize = 256 * BodyLimitMiddleware.MaxBodyBytes;
        // Slow-client protection: a client that dribbles its headers or body holds a connection for nothing.
        limits.RequestHeadersTimeout = listen.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(75);
    }
}
