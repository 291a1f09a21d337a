using System.Globalization;
using Aicq.Protocol;

namespace Aicq.Edge.RateLimiting;

/// <summary>The protocol's rate-limit headers: on every response of a limited route, and Retry-After on a 429.</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, BucketState state, TimeProvider time, bool refused)
    {
        var headers = response.Headers;
        var resetAt = time.GetUtcNow() + state.ResetIn;
        headers[ProtocolHeaders.RateLimitLimit] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers[ProtocolHeaders.RateLimitRemaining] = (refused ? 0 : state.Remaining).ToString(CultureInfo.InvariantCulture);
        headers[ProtocolHeaders.RateLimitReset] = ((long)Math.Ceiling(resetAt.ToUnixTimeMilliseconds() / 1000.0)).ToString(CultureInfo.InvariantCulture);
        if (refused) headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(state.ResetIn.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
