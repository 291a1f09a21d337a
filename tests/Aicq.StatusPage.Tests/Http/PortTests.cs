using System.Net.Sockets;

namespace Aicq.StatusPage.Tests.Http;

/// <summary>Probes and metrics are internal: the public port does not have them, the internal port has its own address.</summary>
public sealed class PortTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    public static readonly TheoryData<string> InternalOnly = new() { "/health/live", "/health/ready", "/metrics", "/Health/Ready", "/health/live/" };

    [Theory]
    [MemberData(nameof(InternalOnly))]
    public async Task ProbesAndMetrics_AreNotFoundOnThePublicPort(string path)
    {
        using var http = fixture.Page.PublicClient();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [MemberData(nameof(InternalOnly))]
    public async Task ProbesAndMetrics_AreServedOnTheInternalPort(string path)
    {
        using var http = fixture.Page.InternalClient(authorized: false);
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InternalPort_ListensOnlyOnItsOwnBindAddress()
    {
        var postgres = await SharedServers.PostgresAsync();
        // 127.0.0.2 is loopback too (127.0.0.0/8), yet a different address from the public port's 127.0.0.1.
        await using var page = await StatusPageProcess.StartAsync(new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = await postgres.CreateDatabaseAsync(),
            ["STATUS_BIND_ADDRESS"] = "127.0.0.1",
            ["STATUS_INTERNAL_BIND_ADDRESS"] = "127.0.0.2",
        });
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.2:{page.InternalPort}/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{page.Port}/api/status")).StatusCode);
        Assert.False(await AcceptsAsync("127.0.0.1", page.InternalPort), "the internal port answered on the public address");
        Assert.False(await AcceptsAsync("127.0.0.2", page.Port), "the public port answered on the internal address");
    }

    /// <summary>
    /// Kestrel refuses an unknown HTTP version before any middleware; the page answers it, on both ports, in the JSON error
    /// shape with its own security headers (a 400: the client is at fault) instead of a bare 505 (written raw: HttpClient sends no such request).
    /// </summary>
    [Fact]
    public async Task KestrelsRefusal_IsTheErrorShapeWithThePagesHeaders_OnBothPorts()
    {
        foreach (var port in new[] { fixture.Page.Port, fixture.Page.InternalPort })
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
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
            var text = System.Text.Encoding.Latin1.GetString(received.ToArray());
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lines = text[..headEnd].Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0], h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.StartsWith("HTTP/1.1 400 ", lines[0]);
            Assert.StartsWith("application/json", headers["Content-Type"]);
            Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
            Assert.Equal("DENY", headers["X-Frame-Options"]);
            Assert.Contains("frame-ancestors 'none'", headers["Content-Security-Policy"]);
            Assert.Equal("close", headers["Connection"]);
            using var body = JsonDocument.Parse(text[(headEnd + 4)..]);
            Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("error").GetString()));
        }
    }

    private static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Parse(host), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
