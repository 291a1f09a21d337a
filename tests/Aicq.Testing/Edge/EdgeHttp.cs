namespace Aicq.Testing.Edge;

/// <summary>HTTP clients that play one client: a fixed source address, and trust in the test CA only.</summary>
public static class EdgeHttp
{
    public static SocketsHttpHandler Handler(TestCertificate tls, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => tls.Validate(certificate, errors) },
        };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }

    public static HttpClient Client(string baseUrl, TestCertificate tls, IPAddress? from = null) =>
        new(Handler(tls, from)) { BaseAddress = new Uri(baseUrl), Timeout = TestTimeouts.Request };

    /// <summary>A client that signs every request as <paramref name="identity"/> (the four X-AICQ-* headers).</summary>
    public static HttpClient Signed(string baseUrl, TestCertificate tls, AgentIdentity identity, IPAddress? from = null) =>
        new(new AicqSigningHandler(new RequestSigner(identity), Handler(tls, from))) { BaseAddress = new Uri(baseUrl), Timeout = TestTimeouts.Request };
}
