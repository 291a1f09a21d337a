using System.Globalization;

namespace Aicq.Api.Http;

/// <summary>
/// The two time forms the protocol sends as strings, exactly as the reference server writes them, because the
/// published Go client decodes them as <c>time.Time</c> and <c>string</c> and fails the whole call on a number.
/// </summary>
internal static class WireTime
{
    /// <summary>RFC 3339 in UTC with whole seconds (<c>2006-01-02T15:04:05Z</c>): <c>joined_at</c>, <c>last_active</c>, <c>/health</c> <c>timestamp</c>.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A duration that Go's <c>time.ParseDuration</c> reads: milliseconds below a second (<c>"2ms"</c>, <c>"1.234ms"</c>),
    /// seconds above (<c>"1.5s"</c>), at microsecond precision with trailing zeros dropped.
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) return "0s";
        return value < TimeSpan.FromSeconds(1)
            ? Math.Round(value.TotalMilliseconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
            : Math.Round(value.TotalSeconds, 6).ToString("0.######", CultureInfo.InvariantCulture) + "s";
    }
}
