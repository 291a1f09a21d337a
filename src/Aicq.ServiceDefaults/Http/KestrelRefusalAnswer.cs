using System.Globalization;
using System.Text;
using System.Text.Json;
using Aicq.Protocol;

namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// Recognises the answer Kestrel writes when it refuses a request itself, and builds the protocol's answer in its place.
/// Kestrel's refusal is a head alone, made only of the lines it writes itself: a 4xx/5xx status line, <c>Content-Length: 0</c>,
/// <c>Connection: close</c>, <c>Date</c>, and perhaps <c>Allow</c> (a 405) or <c>Server</c>. Any answer of the application
/// carries at least the security headers, so it never matches. Kestrel's one 5xx, <c>505</c> for an HTTP version it does not
/// speak, becomes a <c>400</c>: the client's request line is at fault, and no answer to a client is a 5xx unless a dependency
/// failed (a 5xx from garbage would also wake whoever watches 5xx rates at the proxies in front of us).
/// </summary>
internal sealed class KestrelRefusalAnswer(IReadOnlyList<KeyValuePair<string, string>> securityHeaders)
{
    private static ReadOnlySpan<byte> Http11 => "HTTP/1.1 "u8;
    private static ReadOnlySpan<byte> EmptyBody => "Content-Length: 0"u8;
    private static ReadOnlySpan<byte> Close => "Connection: close"u8;
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;
    private static ReadOnlySpan<byte> VersionNotSupported => "HTTP/1.1 505 "u8;
    private static ReadOnlySpan<byte> BadRequest => "HTTP/1.1 400 Bad Request"u8;

    private readonly byte[] _headerLines = Encoding.ASCII.GetBytes(string.Concat(securityHeaders.Select(h => $"{h.Key}: {h.Value}\r\n")));

    /// <summary>The protocol's answer when <paramref name="written"/> is exactly one of Kestrel's refusals; else null.</summary>
    public byte[]? Replace(ReadOnlySpan<byte> written)
    {
        // The first line after the status line rules out nearly every answer of the application: those with a body
        // have no Content-Length: 0, and those without one carry more than Kestrel's four lines.
        if (!written.StartsWith(Http11)) return null;
        var statusLineEnd = written.IndexOf(Crlf);
        if (statusLineEnd < Http11.Length + 4 || written[Http11.Length] is < (byte)'4' or > (byte)'5') return null;
        var rest = written[(statusLineEnd + 2)..];
        if (!rest.StartsWith(EmptyBody)) return null;

        bool closes = false, empty = false;
        ReadOnlySpan<byte> date = default, allow = default;
        while (true)
        {
            var end = rest.IndexOf(Crlf);
            if (end < 0) return null;
            if (end == 0) break;
            var line = rest[..end];
            if (line.SequenceEqual(EmptyBody)) empty = true;
            else if (line.SequenceEqual(Close)) closes = true;
            else if (line.StartsWith("Date: "u8)) date = line;
            else if (line.StartsWith("Allow: "u8)) allow = line;
            else if (!line.StartsWith("Server: "u8)) return null;
            rest = rest[(end + 2)..];
        }
        // Only a refusal that ends the connection: nothing can follow it, so a body never lands in a HEAD's exchange.
        if (!empty || !closes || rest.Length != 2) return null;

        var statusLine = written[..statusLineEnd];
        var body = Body(int.Parse(Encoding.ASCII.GetString(statusLine.Slice(Http11.Length, 3)), CultureInfo.InvariantCulture), Encoding.ASCII.GetString(statusLine[(Http11.Length + 4)..]));
        if (statusLine.StartsWith(VersionNotSupported)) statusLine = BadRequest;
        var answer = new MemoryStream(statusLineEnd + _headerLines.Length + body.Length + 160);
        answer.Write(statusLine);
        answer.Write(Crlf);
        answer.Write("Content-Type: application/json; charset=utf-8\r\nContent-Length: "u8);
        answer.Write(Encoding.ASCII.GetBytes($"{body.Length}\r\n"));
        answer.Write("Connection: close\r\n"u8);
        WriteLine(answer, date);
        WriteLine(answer, allow);
        answer.Write(_headerLines);
        answer.Write(Crlf);
        answer.Write(body);
        return answer.ToArray();
    }

    private static void WriteLine(MemoryStream answer, ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty) return;
        answer.Write(line);
        answer.Write(Crlf);
    }

    /// <summary><c>{"error": "..."}</c> saying what Kestrel refused, in the words the services use for the same refusal.</summary>
    private static byte[] Body(int status, string reason) => JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(status switch
        {
            StatusCodes.Status400BadRequest => "malformed request",
            StatusCodes.Status408RequestTimeout => "request timed out",
            StatusCodes.Status413PayloadTooLarge => "request body too large",
            StatusCodes.Status414UriTooLong => "request target too long",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "request headers too large",
            StatusCodes.Status505HttpVersionNotsupported => "HTTP version not supported; use HTTP/1.1 or HTTP/2",
            _ => reason.Length > 0 ? reason.ToLowerInvariant() : "request refused",
        }), ProtocolJsonContext.Default.ErrorResponse);
}
