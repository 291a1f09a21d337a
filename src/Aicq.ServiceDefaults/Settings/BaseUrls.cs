namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// The one parser for settings that name http(s) base URLs, alone or as a comma-separated list
/// (<c>EDGE_UPSTREAMS</c>, <c>STATUS_API_URLS</c>, the status page's probe targets), in the shape
/// <see cref="SettingsReader.Parse{T}"/> expects.
/// </summary>
public static class BaseUrls
{
    /// <summary>An absolute http(s) URL without query or credentials, kept with a trailing slash.</summary>
    public static (Uri?, string?) One(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            return (null, $"must be an http(s) base URL such as http://127.0.0.1:5080 (got '{raw}')");
        // A trailing slash makes relative paths resolve below a base path instead of replacing its last segment.
        return (uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/"), null);
    }

    /// <summary>A comma-separated list of <see cref="One"/>; empty is allowed unless <paramref name="whenEmpty"/> names the problem.</summary>
    public static (IReadOnlyList<Uri>?, string?) List(string raw, string? whenEmpty = null)
    {
        var urls = new List<Uri>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (url, error) = One(part);
            if (url is null) return (null, $"must be a comma-separated list of http(s) base URLs ({error})");
            urls.Add(url);
        }
        return urls.Count == 0 && whenEmpty is not null ? (null, whenEmpty) : (urls, null);
    }
}
