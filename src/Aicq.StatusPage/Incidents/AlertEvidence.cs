namespace Aicq.StatusPage.Incidents;

/// <summary>
/// What an alert says about where to look, bounded before it is stored: at most <see cref="MaxLabels"/> labels of at
/// most <see cref="MaxLabel"/> characters each (control characters gone, as <see cref="StoredText"/> makes them),
/// and only absolute http(s) links without control characters.
/// </summary>
internal static class AlertEvidence
{
    public const int MaxLabels = 32;
    public const int MaxLabel = 300;
    public const int MaxUrl = 1000;
    public const int MaxRequestIds = 10;

    public static string[] Labels(AlertmanagerAlert alert) =>
        (alert.Labels ?? new Dictionary<string, string>())
            .OrderBy(l => l.Key, StringComparer.Ordinal).Take(MaxLabels)
            .Select(l => StoredText.Line($"{StoredText.Line(l.Key, 64)}={l.Value}", MaxLabel))
            .ToArray();

    /// <summary>The link when it is an absolute http(s) URL of sane length, else null (a relative or odd one leads nowhere).</summary>
    public static string? Link(string? raw)
    {
        if (raw is null || raw.Length > MaxUrl || raw.Any(char.IsControl)) return null;
        return Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            ? uri.AbsoluteUri
            : null;
    }
}
