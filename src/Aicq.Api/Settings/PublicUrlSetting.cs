using Aicq.ServiceDefaults.Settings;

namespace Aicq.Api.Settings;

/// <summary>
/// The address agents reach the API at (the edge), as published in the OpenAPI document's <c>servers</c>. An
/// instance cannot learn it from a request: behind the edge it sees its own internal host, port and scheme.
/// </summary>
internal static class PublicUrlSetting
{
    public const string Default = "https://127.0.0.1:8443";

    /// <summary>Reads <c>PUBLIC_URL</c>; plain http is refused in production, where agents sign and send every request to it.</summary>
    public static string Read(SettingsReader reader, DeploymentEnvironment environment)
    {
        var url = reader.Parse("PUBLIC_URL", Default, Parse, u => u);
        if (environment == DeploymentEnvironment.Production && url?.StartsWith("http:", StringComparison.Ordinal) == true)
            reader.Fail("PUBLIC_URL", $"must be https in production: agents sign and send their requests to it (got '{url}')");
        return url ?? Default;
    }

    /// <summary>An absolute http(s) URL without query, fragment or credentials; kept without a trailing slash.</summary>
    private static (string?, string?) Parse(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return (null, $"must be the http(s) URL agents use, such as {Default}, without query or credentials (got '{raw}')");
        return (uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), null);
    }
}
