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
        await using var tls = await ConnectTlsAsync(tcp, edge);
        return await ExchangeAsync(tls, head, body);
    }

    /// <summary>The same over plain TCP: the edge's HTTP and internal ports.</summary>
    public static async Task<RawResponse> SendPlainAsync(int port, string head, byte[]? body = null, IPAddress? from = null)
    {
        using var tcp = new TcpClient(new IPEndPoint(from ?? ClientAddresses.Next(), 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return await ExchangeAsync(tcp.GetStream(), head, body);
    }

    /// <summary>
    /// Sends <paramref name="head"/> to the HTTPS port (<paramref name="port"/> null) or a plain one, and reads every response
    /// until the edge closes the connection; fails when it has not closed it within 15 s.
    /// </summary>
    public static async Task<IReadOnlyList<RawResponse>> SendUntilClosedAsync(EdgeProcess edge, int? port, string head)
    {
        using var tcp = new TcpClient(new IPEndPoint(ClientAddresses.Next(), 0));
        await using var stream = port is { } plain ? await ConnectPlainAsync(tcp, plain) : await ConnectTlsAsync(tcp, edge);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset right after the answer still ends the connection.
        }
        var responses = new List<RawResponse>();
        var rest = received.ToArray().AsMemory();
        while (rest.Length > 0 && Parse(rest.ToArray(), out var consumed) is { } response)
        {
            responses.Add(response);
            rest = rest[consumed..];
        }
        Assert.True(rest.Length == 0, $"{rest.Length} bytes after the last complete response: {Encoding.Latin1.GetString(rest.Span)}");
        return responses;
    }

    private static async Task<Stream> ConnectPlainAsync(TcpClient tcp, int port)
    {
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return tcp.GetStream();
    }

    private static async Task<SslStream> ConnectTlsAsync(TcpClient tcp, EdgeProcess edge)
    {
        await tcp.ConnectAsync(IPAddress.Loopback, edge.HttpsPort);
        var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => edge.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return tls;
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
                if (Parse(received.ToArray(), out _) is not null) break;
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server may reset the connection right after its answer to a request it refused.
        }
        return Parse(received.ToArray(), out _) ?? throw new InvalidOperationException(
            $"no complete response ({received.Length} bytes): {Encoding.Latin1.GetString(received.ToArray())}");
    }

    /// <summary>A request head with Host and Connection: close, plus <paramref name="headers"/> (each a full "Name: value" line).</summary>
    public static string Head(string method, string target, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    /// <summary>The first response once it is complete (by Content-Length, the last chunk, or neither when there is no body), and its length in bytes; else null.</summary>
    private static RawResponse? Parse(byte[] bytes, out int consumed)
    {
        consumed = 0;
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
        var headEnd = end + 4;
        var rest = bytes.AsSpan(headEnd);
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var size = int.Parse(length);
            if (rest.Length < size) return null;
            consumed = headEnd + size;
            return new RawResponse(status, headers, Encoding.UTF8.GetString(rest[..size]));
        }
        if (headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (Dechunk(rest, out var chunked) is not { } body) return null;
            consumed = headEnd + chunked;
            return new RawResponse(status, headers, body);
        }
        consumed = headEnd;
        return new RawResponse(status, headers, "");
    }

    private static string? Dechunk(ReadOnlySpan<byte> data, out int consumed)
    {
        var body = new MemoryStream();
        var start = data.Length;
        consumed = 0;
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0) return null;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(data[..lineEnd]).Split(';')[0].Trim(), 16);
            data = data[(lineEnd + 2)..];
            if (size == 0)
            {
                if (data.Length < 2) return null;
                consumed = start - data.Length + 2;
                return Encoding.UTF8.GetString(body.ToArray());
            }
            if (data.Length < size + 2) return null;
            body.Write(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
