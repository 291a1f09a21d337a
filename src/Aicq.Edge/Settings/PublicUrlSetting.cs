using System.Globalization;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Settings;

/// <summary>
/// <c>EDGE_PUBLIC_URL</c>: the HTTPS origin agents use. The redirect from plain HTTP names it, never the request's
/// Host header, which a client (or anyone who makes a browser follow a link) chooses: <c>Host: evil.example</c> must
/// not become <c>Location: https://evil.example/…</c>.
/// </summary>
internal static class PublicUrlSetting
{
    public const string Name = "EDGE_PUBLIC_URL";

    /// <summary>Defaults to this machine's own HTTPS port (<c>https://127.0.0.1:8443</c> under <c>./aicq up</c>); required when that port is off.</summary>
    public static string Read(SettingsReader reader, int httpsPort)
    {
        string? fallback = httpsPort > 0 ? string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort}") : null;
        if (fallback is null && reader.Raw(Name) is null)
        {
            reader.Fail(Name, "is required while EDGE_HTTPS_PORT is 0: the redirect must name the HTTPS address agents reach, such as https://aicq.fly.dev");
            return "https://127.0.0.1";
        }
        return reader.Parse(Name, fallback, Parse, url => url) ?? "https://127.0.0.1";
    }

    /// <summary>An https origin: scheme, host and optional port, nothing else.</summary>
    private static (string?, string?) Parse(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme != "https" || uri.AbsolutePath != "/"
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return (null, $"must be the https origin agents use, such as https://aicq.fly.dev or https://127.0.0.1:8443, without path, query or credentials (got '{raw}')");
        return (uri.GetLeftPart(UriPartial.Authority), null);
    }
}
