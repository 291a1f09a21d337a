using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aicq.Edge.Tests.Support;

namespace Aicq.Edge.Tests.BadInput;

/// <summary>A response read off the wire: status, headers (last value wins) and the decoded body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The protocol's <c>{"error": "..."}</c> shape, with the status asked for.</summary>
    public string AssertError(int expected)
    {
        Assert.Equal(expected, Status);
        using var json = JsonDocument.Parse(Body);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("error", property.Name);
        var error = property.Value.GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }
}

/// <summary>
/// Writes bytes HttpClient refuses to send (bare CR, control characters, raw dot segments, broken chunking) straight
/// into a connection to the edge (TLS, or plain for its HTTP and internal ports), and reads back whatever comes, up to the server closing the connection.
/// </summary>
public static class RawHttps
{
    public static async Task<RawResponse> SendAsync(EdgeProcess edge, string head, byte[]? body = null, IPAddress? from = null)
    {
        using var tcp = new TcpClient(new IPEndPoint(from ?? ClientAddresses.Next(), 0));
        await tcp.ConnectAsync(IPAddress.Loopback, edge.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => edge.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return await ExchangeAsync(tls, head, body);
    }

    /// <summary>The same over plain TCP: the edge's HTTP and internal ports.</summary>
    public static async Task<RawResponse> SendPlainAsync(int port, string head, byte[]? body = null, IPAddress? from = null)
    {
        using var tcp = new TcpClient(new IPEndPoint(from ?? ClientAddresses.Next(), 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return await ExchangeAsync(tcp.GetStream(), head, body);
    }

    private static async Task<RawResponse> ExchangeAsync(Stream stream, string head, byte[]? body)
    {
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
            if (body is not null) await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all of a body it refuses; its answer is still there to read.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Parse(received.ToArray()) is not null) break;
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server may reset the connection right after its answer to a request it refused.
        }
        return Parse(received.ToArray()) ?? throw new InvalidOperationException(
            $"no complete response ({received.Length} bytes): {Encoding.Latin1.GetString(received.ToArray())}");
    }

    /// <summary>A request head with Host and Connection: close, plus <paramref name="headers"/> (each a full "Name: value" line).</summary>
    public static string Head(string method, string target, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    /// <summary>The response once it is complete (by Content-Length, the last chunk, or neither when there is no body); else null.</summary>
    private static RawResponse? Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return null;
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var rest = bytes.AsSpan(Encoding.Latin1.GetByteCount(text[..(end + 4)]));
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var size = int.Parse(length);
            return rest.Length < size ? null : new RawResponse(status, headers, Encoding.UTF8.GetString(rest[..size]));
        }
        if (headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            return Dechunk(rest) is { } body ? new RawResponse(status, headers, body) : null;
        return new RawResponse(status, headers, "");
    }

    private static string? Dechunk(ReadOnlySpan<byte> data)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0) return null;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(data[..lineEnd]).Split(';')[0].Trim(), 16);
            data = data[(lineEnd + 2)..];
            if (size == 0) return Encoding.UTF8.GetString(body.ToArray());
            if (data.Length < size + 2) return null;
            body.Write(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
