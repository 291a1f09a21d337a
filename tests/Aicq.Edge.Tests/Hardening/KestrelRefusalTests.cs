using Aicq.Testing.Reliability;

namespace Aicq.Edge.Tests.Hardening;

/// <summary>
/// Requests Kestrel refuses while it parses them, before any middleware: until issue 12 each got Kestrel's bare status
/// (no body, no security headers). Now every one is the protocol's answer, on the HTTPS port and on the HTTP (redirect)
/// port alike: the status Kestrel chose, <c>{"error": "..."}</c>, JSON's Content-Type, the headers of the edge's own
/// answers, and the connection closed after it. Written raw, since HttpClient refuses to send any of them.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class KestrelRefusalTests(ApplianceFixture appliance)
{
    private const string Host = "Host: 127.0.0.1\r\n";
    private static readonly string[] SecurityHeaders =
    [
        "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security", "Content-Security-Policy",
        "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
    ];

    private static readonly Dictionary<string, (string Request, int Status)> Kinds = new (string Kind, string Request, int Status)[]
        {
            ("HTTP/9.9", $"GET /channels HTTP/9.9\r\n{Host}\r\n", 400),
            ("no HTTP version", $"GET /channels\r\n{Host}\r\n", 400),
            ("two spaces in the request line", $"GET  /channels HTTP/1.1\r\n{Host}\r\n", 400),
            ("a header line without a colon", $"GET /channels HTTP/1.1\r\n{Host}X-Note broken\r\n\r\n", 400),
            ("a space before the colon", $"GET /channels HTTP/1.1\r\n{Host}X-Note : a\r\n\r\n", 400),
            ("obsolete line folding", $"GET /channels HTTP/1.1\r\n{Host}X-Note: a\r\n folded\r\n\r\n", 400),
            ("a CR in a header value", $"GET /channels HTTP/1.1\r\n{Host}X-Note: a\rb\r\n\r\n", 400),
            ("a NUL in a header value", $"GET /channels HTTP/1.1\r\n{Host}X-Note: a\0b\r\n\r\n", 400),
            ("a NUL byte in the target", $"GET /who/\0x HTTP/1.1\r\n{Host}\r\n", 400),
            ("a non-ASCII byte in the target", $"GET /who/\u00ffx HTTP/1.1\r\n{Host}\r\n", 400),
            ("%00 in the path", $"GET /who/%00 HTTP/1.1\r\n{Host}\r\n", 400),
            ("no Host on HTTP/1.1", "GET /channels HTTP/1.1\r\n\r\n", 400),
            ("two Host headers", $"GET /channels HTTP/1.1\r\n{Host}Host: 127.0.0.2\r\n\r\n", 400),
            ("a Host that is no host", "GET /channels HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
            ("an absolute target naming another host", $"GET http://other.example/channels HTTP/1.1\r\n{Host}\r\n", 400),
            ("two Content-Length values", $"POST /register HTTP/1.1\r\n{Host}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
            ("a Content-Length that is no number", $"POST /register HTTP/1.1\r\n{Host}Content-Length: abc\r\n\r\n", 400),
            ("a Transfer-Encoding not ending in chunked", $"POST /register HTTP/1.1\r\n{Host}Transfer-Encoding: gzip\r\n\r\n", 400),
            ("a POST over HTTP/1.0 without a length", "POST /register HTTP/1.0\r\n\r\n", 400),
            ("* as the target of a GET", $"GET * HTTP/1.1\r\n{Host}\r\n", 405),
            ("a request line over Kestrel's 32 KiB", $"GET /find?q={new string('q', 40 * 1024)} HTTP/1.1\r\n{Host}\r\n", 414),
            ("headers over Kestrel's 64 KiB", $"GET /channels HTTP/1.1\r\n{Host}{Filler(30, 3000)}\r\n", 431),
            ("over 200 header lines", $"GET /channels HTTP/1.1\r\n{Host}{Filler(210, 1)}\r\n", 431),
        }.ToDictionary(c => c.Kind, c => (c.Request, c.Status));

    public static TheoryData<string> Refused() => [.. Kinds.Keys];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task KestrelsRefusal_IsTheProtocolsAnswer_AndClosesTheConnection(string kind)
    {
        var (request, status) = Kinds[kind];
        await ReportAsync($"Kestrel's refusal: {kind}", $"{status} in the error shape on the HTTPS and HTTP ports", async () =>
        {
            foreach (var https in new[] { true, false })
            {
                var response = await RefusedAsync(request, https);
                Assert.True(status == response.Status, $"{kind} ({(https ? "HTTPS" : "HTTP")}): {response.Status}");
                await AssertTheEdgesErrorAsync(response, status, https);
                if (status == 405) Assert.Equal("OPTIONS", response.Header("Allow"));
            }
            return status;
        });
    }

    /// <summary>A refusal after a good request on the same connection is rewritten too: each response's start is looked at.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task RefusalAfterAnAnswerOnTheSameConnection_IsTheProtocolsAnswer(bool https) =>
        ReportAsync($"Kestrel's refusal after two answers on one connection ({(https ? "HTTPS" : "HTTP")} port)", "404, 404, then 400 in the error shape", async () =>
        {
            var responses = await RawHttps.SendUntilClosedAsync(appliance.Edge, https ? null : HttpPort,
                $"GET /metrics HTTP/1.1\r\n{Host}\r\nGET /metrics HTTP/1.1\r\n{Host}\r\nGET /channels HTTP/9.9\r\n{Host}\r\n");
            Assert.Equal([404, 404, 400], responses.Select(r => r.Status));
            await AssertTheEdgesErrorAsync(responses[^1], 400, https);
            return 400;
        });

    /// <summary>The 1 s header timeout of the echo edge: Kestrel's 408 for a client that never finishes its headers.</summary>
    [Fact]
    public Task HeadersNeverFinished_Is408InTheProtocolsShape() =>
        ReportAsync("Kestrel's refusal: headers never finished (1 s header timeout)", "408 in the error shape", async () =>
        {
            var response = Assert.Single(await RawHttps.SendUntilClosedAsync(appliance.EchoEdge, null, $"GET /channels HTTP/1.1\r\n{Host}X-Note: a"));
            Assert.Equal("request timed out", response.AssertError(408));
            Assert.StartsWith("application/json", response.Header("Content-Type"));
            Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
            Assert.Equal("close", response.Header("Connection"));
            return 408;
        });

    /// <summary>
    /// Kinds that Kestrel lets through to the edge's middleware, which answers them itself (so these held before issue 12's
    /// last item too): Content-Length with Transfer-Encoding (Kestrel drops the length, reads the chunks, and closes after
    /// the answer), a broken chunked body, a body over Kestrel's 2 MiB ceiling (refused by its declared length).
    /// </summary>
    [Theory]
    [InlineData("Content-Length with Transfer-Encoding", "POST /channels HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 405)]
    [InlineData("a broken chunked body", "POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400)]
    [InlineData("a body over Kestrel's 2 MiB ceiling", "POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n", 413)]
    public Task BodyFramingKestrelPasses_IsTheEdgesOwnAnswer_AndClosesTheConnection(string kind, string request, int status) =>
        ReportAsync($"Body framing Kestrel passes on: {kind}", $"the edge's own {status} in the error shape, connection closed", async () =>
        {
            var response = await RefusedAsync(request, https: true);
            await AssertTheEdgesErrorAsync(response, status, https: true);
            return status;
        });

    /// <summary>The API's own port (behind the edge) answers the same way, with the API's security headers.</summary>
    [Fact]
    public Task ApiPort_KestrelsRefusal_IsTheProtocolsAnswer_WithTheApisHeaders() =>
        ReportAsync("Kestrel's refusal on the API's own port: HTTP/9.9", "400 in the error shape with the API's security headers", async () =>
        {
            var port = new Uri(appliance.Api1.BaseUrl).Port;
            var reference = Assert.Single(await RawHttps.SendUntilClosedAsync(appliance.Edge, port, $"GET /no-such-route HTTP/1.1\r\n{Host}Connection: close\r\n\r\n"));
            var response = Assert.Single(await RawHttps.SendUntilClosedAsync(appliance.Edge, port, $"GET /channels HTTP/9.9\r\n{Host}\r\n"));
            Assert.Equal("HTTP version not supported; use HTTP/1.1 or HTTP/2", response.AssertError(400));
            Assert.StartsWith("application/json", response.Header("Content-Type"));
            foreach (var name in new[] { "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security", "Content-Security-Policy" })
            {
                Assert.NotNull(reference.Header(name));
                Assert.Equal(reference.Header(name), response.Header(name));
            }
            return 400;
        });

    /// <summary>HTTP/2 (ALPN h2) is left alone: it still works, and a malformed request there is a stream reset, not an answer.</summary>
    [Fact]
    public async Task Http2_StillServes_AndResetsAMalformedRequestsStream()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var ok = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var answer = await client.SendAsync(ok);
        Assert.Equal(HttpVersion.Version20, answer.Version);
        await Expect.ErrorAsync(answer, HttpStatusCode.NotFound);

        using var malformed = new HttpRequestMessage(HttpMethod.Get, "/who/%00") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(malformed));
        Assert.IsType<HttpProtocolException>(error.InnerException ?? error);
    }

    private int HttpPort => new Uri(appliance.Edge.HttpUrl).Port;

    /// <summary>Runs the case and writes its row into the abuse suite of the reliability document, pass or fail.</summary>
    private static async Task ReportAsync(string caseName, string expected, Func<Task<int>> run)
    {
        int status;
        try
        {
            status = await run();
        }
        catch (Exception e)
        {
            await ReliabilityReport.RecordAsync(ReliabilitySuite.Abuse, caseName, expected, e.Message.Split('\n')[0], passed: false);
            throw;
        }
        await ReliabilityReport.RecordAsync(ReliabilitySuite.Abuse, caseName, expected,
            $"{status}, {{\"error\": ...}}, application/json, the same security headers as the port's own answers, Connection: close, then closed", passed: true);
    }

    /// <summary>The one response to <paramref name="request"/>, read until the edge closed the connection.</summary>
    private async Task<RawResponse> RefusedAsync(string request, bool https) =>
        Assert.Single(await RawHttps.SendUntilClosedAsync(appliance.Edge, https ? null : HttpPort, request));

    /// <summary>The error shape, JSON's Content-Type, Connection: close, and the very security headers of an answer the edge makes itself.</summary>
    private async Task AssertTheEdgesErrorAsync(RawResponse response, int status, bool https)
    {
        response.AssertError(status);
        Assert.StartsWith("application/json", response.Header("Content-Type"));
        Assert.Equal("close", response.Header("Connection"));
        Assert.Null(response.Header("Server"));
        var reference = await RefusedAsync($"GET /metrics HTTP/1.1\r\n{Host}Connection: close\r\n\r\n", https);
        Assert.Equal(404, reference.Status);
        foreach (var name in SecurityHeaders)
        {
            Assert.NotNull(reference.Header(name));
            Assert.True(reference.Header(name) == response.Header(name), $"{name}: '{response.Header(name)}', an answer of the edge has '{reference.Header(name)}'");
        }
    }

    private static string Filler(int lines, int valueBytes)
    {
        var headers = new StringBuilder();
        for (var i = 0; i < lines; i++) headers.Append($"X-Filler-{i}: {new string('h', valueBytes)}\r\n");
        return headers.ToString();
    }
}
