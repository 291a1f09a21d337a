using Microsoft.Net.Http.Headers;

namespace Aicq.ServiceDefaults.Http;

/// <summary>What a request's <c>Content-Type</c> says about its body.</summary>
public enum BodyType
{
    Json,
    NotJson,
    OtherCharset,
}

/// <summary>
/// Judges a <c>Content-Type</c> before any body is read. Bodies are read as UTF-8 and signed as bytes, so the only
/// charsets accepted are UTF-8's labels: <c>utf-8</c>, and <c>utf8</c> (the WHATWG Encoding Standard, which fetch and
/// browsers follow, reads it as UTF-8), in any case, quoted or not. Anything else, an empty or repeated charset
/// included, would make the JSON reader transcode the body or throw.
/// </summary>
public static class JsonContentType
{
    /// <summary>What a body's header is rewritten to once accepted: the JSON reader re-parses the header and knows only a bare <c>utf-8</c>.</summary>
    public const string Canonical = "application/json";

    public static BodyType Classify(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(Canonical, StringComparison.OrdinalIgnoreCase)) return BodyType.NotJson;
        var charsets = parsed.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count == 0) return BodyType.Json;
        if (charsets.Count > 1) return BodyType.OtherCharset;
        var charset = HeaderUtilities.RemoveQuotes(charsets[0].Value);
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? BodyType.Json
            : BodyType.OtherCharset;
    }
}
