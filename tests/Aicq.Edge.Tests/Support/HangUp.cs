using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Aicq.Edge.Tests.Support;

/// <summary>A client that sends one whole request over TLS and closes the connection at once, never reading the answer.</summary>
public static class HangUp
{
    public static async Task PostAsync(EdgeProcess edge, IPAddress from, string path, byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var tcp = new TcpClient(new IPEndPoint(from, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, edge.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => edge.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await tls.WriteAsync(body);
        await tls.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Both);
    }
}
