using System.Text.RegularExpressions;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Makes alert and operator text safe for the public page: URLs, IP addresses, <c>host:port</c> pairs, private-zone
/// names (<c>*.internal</c>, <c>*.local</c>, <c>*.svc</c> …) and the specific host names this installation is
/// configured with become "[internal]"; control characters go; length is capped. Bare one-word host names
/// (<c>redis</c>, <c>status</c>) are left alone: they are the components' public names too and reveal nothing.
/// </summary>
internal sealed partial class PublicText(IEnumerable<string> internalHostNames)
{
    public const string Placeholder = "[internal]";

    private readonly Regex? _hosts = BuildHostPattern(internalHostNames);

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S+")]
    private static partial Regex Urls();

    [GeneratedRegex(@"\[?(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\]?(?::\d{1,5})?(?=$|[^\w:])")]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\b[a-zA-Z][\w.-]*:\d{2,5}\b")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"\b[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.(?:internal|local|lan|localdomain|svc|flycast|home\.arpa)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PrivateZone();

    public string Scrub(string? text, int maxLength = 300)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // Bounded before the patterns run (they need not see megabytes), with room for what the placeholders remove.
        var result = Urls().Replace(StoredText.Line(text, Math.Max(16 * maxLength, 4096)), Placeholder);
        // An IPv6 pattern needs "::" or 4+ groups, so clock times such as 10:20:30 stay.
        result = Ipv6().Replace(result, m => m.Value.Contains("::") || m.Value.Count(c => c == ':') >= 4 ? Placeholder : m.Value);
        result = Ipv4().Replace(result, Placeholder);
        result = HostPort().Replace(result, Placeholder);
        result = PrivateZone().Replace(result, Placeholder);
        if (_hosts is not null) result = _hosts.Replace(result, Placeholder);
        result = result.Trim();
        return result.Length <= maxLength ? result : StoredText.Line(result, maxLength - 1) + "…";
    }

    private static Regex? BuildHostPattern(IEnumerable<string> names)
    {
        var distinct = names.Where(n => n.Any(c => c is '.' or '-' || char.IsDigit(c)))
            .Append("localhost").Distinct(StringComparer.OrdinalIgnoreCase).Select(Regex.Escape).ToList();
        return new Regex($@"(?<![\w.-])(?:{string.Join("|", distinct)})(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
