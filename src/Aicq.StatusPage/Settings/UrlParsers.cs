using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.StatusPage.Settings;

/// <summary>Value formats of the status page's settings, in the shape <c>SettingsReader.Parse</c> expects.</summary>
internal static class UrlParsers
{
    public static (Uri?, string?) BaseUrl(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            return (null, $"must be an http(s) base URL such as http://127.0.0.1:5080 (got '{raw}')");
        // A trailing slash makes relative paths resolve below a base path instead of replacing its last segment.
        return (uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/"), null);
    }

    public static (IReadOnlyList<Uri>?, string?) BaseUrls(string raw)
    {
        var urls = new List<Uri>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (url, error) = BaseUrl(part);
            if (url is null) return (null, $"must be a comma-separated list of http(s) base URLs ({error})");
            urls.Add(url);
        }
        return (urls, null);
    }

    /// <summary>Every certificate of a PEM file; an empty value means none.</summary>
    public static (X509Certificate2Collection?, string?) PemCertificates(string raw)
    {
        var certificates = new X509Certificate2Collection();
        if (raw.Length == 0) return (certificates, null);
        try
        {
            certificates.ImportFromPemFile(raw);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return (null, $"must name a readable PEM certificate file ({e.GetType().Name} reading '{raw}')");
        }
        return certificates.Count == 0 ? (null, $"names a file without a PEM certificate ('{raw}')") : (certificates, null);
    }
}
