using Aicq.Edge.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.Edge.Hardening;

/// <summary>Connection-level limits: what a client may send and how slowly, before any middleware runs.</summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerLimits limits, ListenSettings listen)
    {
        // A client never needs more than a few dozen headers; Kestrel answers 431 beyond these.
        limits.MaxRequestHeaderCount = 50;
        limits.MaxRequestHeadersTotalSize = 16 * 1024;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.MaxRequestBodySize = BodyLimitMiddleware.MaxBodyBytes;
        // Slow-client protection: a client that dribbles its headers or body holds a connection for nothing.
        limits.RequestHeadersTimeout = listen.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(75);
    }
}
