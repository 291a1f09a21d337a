namespace Aicq.Testing.Telemetry;

/// <summary>The series a Prometheus text exposition lists (each <c>name{labels}</c>), to see whether traffic added any.</summary>
public static class MetricSeries
{
    public static async Task<HashSet<string>> ReadAsync(string metricsUrl)
    {
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        var text = await http.GetStringAsync(metricsUrl);
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.LastIndexOf(' ')])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Series in <paramref name="after"/> that <paramref name="before"/> did not have, one per line (empty when none).
    /// A runtime instrument that reports for the first time on a timer of its own (Kestrel's memory pool evicting idle
    /// blocks) brings a whole new family; that is no label minted by a request, so families new to the runtime's own
    /// meters are left out. Every new series of an AICQ family, and every new label set of a family already there, counts.
    /// </summary>
    public static string Added(IReadOnlySet<string> before, IEnumerable<string> after)
    {
        var families = before.Select(Family).ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', after
            .Where(s => !before.Contains(s) && (s.StartsWith("aicq_", StringComparison.Ordinal) || families.Contains(Family(s))))
            .Select(s => s.Length > 300 ? s[..300] + "…" : s));
    }

    private static string Family(string series)
    {
        var name = series.Split('{')[0];
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }

    /// <summary>The sum of every <paramref name="name"/> series whose status label starts with 5.</summary>
    public static async Task<double> ServerErrorsAsync(string metricsUrl, string name)
    {
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        var text = await http.GetStringAsync(metricsUrl);
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains("status=\"5", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The sum of every <paramref name="name"/> series (0 when there is none yet).</summary>
    public static async Task<double> SumAsync(string metricsUrl, string name)
    {
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        var text = await http.GetStringAsync(metricsUrl);
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
