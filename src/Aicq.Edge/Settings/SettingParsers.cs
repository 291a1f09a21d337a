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
}
