namespace Aicq.Testing.Edge;

/// <summary>A client that sends one whole request over TLS and then hangs up, never reading the answer.</summary>
public sealed class HangUp : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private HangUp(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    /// <summary>Sends the request and closes the connection at once.</summary>
    public static async Task PostAsync(EdgeProcess edge, IPAddress from, string path, byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var connection = await SendAsync(edge, from, path, body, headers);
        connection.Close();
    }

    /// <summary>Sends the request and keeps the connection open until <see cref="Close"/>.</summary>
    public static async Task<HangUp> SendAsync(EdgeProcess edge, IPAddress from, string path, byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var tcp = new TcpClient(new IPEndPoint(from, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, edge.HttpsPort);
        var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => edge.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await tls.WriteAsync(body);
        await tls.FlushAsync();
        return new HangUp(tcp, tls);
    }

    public void Close() => _tcp.Client.Shutdown(SocketShutdown.Both);

    public void Dispose()
    {
        _tls.Dispose();
        _tcp.Dispose();
    }
}
