using Microsoft.Net.Http.Headers;

namespace Aicq.StatusPage.Http;

/// <summary>
/// Judges a body's <c>Content-Type</c> before it is read, as the API does (src/Aicq.Api/Http/JsonContentType.cs): the
/// only charsets taken are UTF-8's labels, <c>utf-8</c> and <c>utf8</c>, in any case, quoted or not. Any other (an
/// unknown, empty or repeated one included) would make the JSON reader transcode the body or throw.
/// </summary>
internal static class JsonContentType
{
    public static bool IsUtf8Json(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return false;
        var charsets = parsed.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count == 0) return true;
        if (charsets.Count > 1) return false;
        var charset = HeaderUtilities.RemoveQuotes(charsets[0].Value);
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
