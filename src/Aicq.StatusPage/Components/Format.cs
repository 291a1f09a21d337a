using System.Globalization;

namespace Aicq.StatusPage.Components;

/// <summary>How numbers and times read on the page (invariant culture, UTC).</summary>
internal static class Format
{
    public static string Latency(double? ms) => ms switch
    {
        null => "—",
        < 1 => "< 1 ms",
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.0} s"),
    };

    public static string Percent(double? value) => value is null
        ? "no data"
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(value.Value * 100) / 100:0.00} %");

    /// <summary>"collecting: 47 min of data" while a window is too thin to judge, else "99.20 %" and its unknown share.</summary>
    public static string Uptime(History.UptimeWindow window) => window.IsCollecting
        ? $"collecting: {Duration(window.CheckedSeconds)} of data"
        : Percent(window.Uptime) + (UnknownShare(window.UnknownShare) is { } unknown ? $" ({unknown} unknown)" : "");

    /// <summary>
    /// The unknown share to one decimal, or null below 0.05 %: a window checked throughout can be one check short of
    /// its length, which is not worth a word.
    /// </summary>
    public static string? UnknownShare(double share)
    {
        var percent = Math.Round(share * 100, 1, MidpointRounding.AwayFromZero);
        if (percent <= 0) return null;
        return (percent < 10 ? percent : Math.Ceiling(percent)).ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    public static string Duration(double seconds) => seconds switch
    {
        < 60 => "under 1 min",
        < 3600 => $"{(int)(seconds / 60)} min",
        < 86400 => $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min",
        _ => $"{(int)(seconds / 86400)} {((int)(seconds / 86400) == 1 ? "day" : "days")} {(int)(seconds % 86400 / 3600)} h",
    };

    public static string Time(DateTimeOffset? at) => at is null ? "never" : at.Value.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"12 s ago", "3 min ago": how fresh a check is, to the second while that matters.</summary>
    public static string CheckedAgo(DateTimeOffset at, DateTimeOffset now) =>
        State.Freshness.Age(at > now ? TimeSpan.Zero : now - at) + " ago";

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span.TotalSeconds switch
        {
            < 60 => "less than a minute ago",
            < 3600 => $"{(int)span.TotalMinutes} min ago",
            < 86400 => $"{(int)span.TotalHours} h {span.Minutes} min ago",
            _ => $"{(int)span.TotalDays} days ago",
        };
    }
}
