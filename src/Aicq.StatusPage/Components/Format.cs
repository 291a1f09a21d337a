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

    public static string Time(DateTimeOffset? at) => at is null ? "never" : at.Value.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
