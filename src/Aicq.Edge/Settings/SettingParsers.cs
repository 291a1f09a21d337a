using System.Globalization;

namespace Aicq.Edge.Settings;

/// <summary>Value formats the edge's settings share.</summary>
internal static class SettingParsers
{
    /// <summary>A duration such as <c>90s</c>, <c>1m</c> or <c>24h</c>.</summary>
    public static TimeSpan? Duration(string raw)
    {
        if (raw.Length < 2 || !int.TryParse(raw[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            return null;
        return raw[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => null,
        };
    }

    public static string Duration(TimeSpan value) =>
        value.TotalHours >= 1 && value.TotalHours % 1 == 0 ? $"{value.TotalHours:0}h"
        : value.TotalMinutes >= 1 && value.TotalMinutes % 1 == 0 ? $"{value.TotalMinutes:0}m"
        : $"{value.TotalSeconds:0}s";

    /// <summary>A comma-separated list of absolute http(s) URLs.</summary>
    public static (IReadOnlyList<Uri>?, string?) Urls(string raw)
    {
        var urls = new List<Uri>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
                return (null, $"must be a comma-separated list of http(s) base URLs such as http://127.0.0.1:5080 (bad entry '{part}')");
            urls.Add(uri);
        }
        return urls.Count == 0 ? (null, "must name at least one API instance") : (urls, null);
    }
}
