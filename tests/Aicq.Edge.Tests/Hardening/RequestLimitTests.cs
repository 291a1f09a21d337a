namespace Aicq.Edge.Tests.Hardening;

/// <summary>What a client may send, and how slowly: refused at the edge, never forwarded (checked against the echo upstream).</summary>
[Collection(ApplianceCollection.Name)]
public sealed class RequestLimitTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task BodyOver8KiB_Is413_AndNeverReachesTheUpstream_While8KiBPasses()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var path = $"/body/{Guid.NewGuid():N}";
        using (var tooLarge = await client.SendAsync(Requests.Post(path, new string('x', 9 * 1024))))
            await Expect.ErrorAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "request body too large");
        Assert.Empty(appliance.Echo.For(path));

        using var exact = await client.SendAsync(Requests.Post(path, new string('x', 8 * 1024)));
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal(8 * 1024, Assert.Single(appliance.Echo.For(path)).BodyLength);
    }

    /// <summary>Without the header a pooled client sent its next request into the closing connection and got no answer (found by the fuzz suite).</summary>
    [Fact]
    public async Task BodyOver8KiB_Is413_WithConnectionClose()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        using var tooLarge = await client.SendAsync(Requests.Post($"/body/{Guid.NewGuid():N}", new string('x', 9 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.True(tooLarge.Headers.ConnectionClose, "a 413 must say Connection: close");
    }

    [Fact]
    public async Task ChunkedBodyGrowingPast8KiB_Is413_AndNeverReachesTheUpstream()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var path = $"/chunked/{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedContent(chunks: 10, chunkSize: 1024) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        await Expect.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Expect.SecurityHeaders(response);
        Assert.Empty(appliance.Echo.For(path));
    }

    [Fact]
    public async Task HeaderNameWithUnderscore_Is400_AndNeverReachesTheUpstream()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var path = $"/underscore/{Guid.NewGuid():N}";
        using var request = Requests.Get(path);
        request.Headers.TryAddWithoutValidation("X_AICQ_Agent", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest, "header names must not contain underscores");
        Assert.Empty(appliance.Echo.For(path));
    }

    [Fact]
    public async Task TooManyHeaders_Is431()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/api");
        for (var i = 0; i < 60; i++) request.Headers.Add($"X-Filler-{i}", "x");
        using var response = await client.SendAsync(request);
        await Expect.ErrorAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "too many request headers");
        Expect.SecurityHeaders(response);
    }

    [Fact]
    public async Task ClientThatNeverFinishesItsHeaders_IsDisconnected()
    {
        using var tcp = new TcpClient(new System.Net.IPEndPoint(ClientAddresses.Next(), 0));
        await tcp.ConnectAsync("127.0.0.1", appliance.EchoEdge.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => appliance.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        await tls.WriteAsync(Encoding.ASCII.GetBytes("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
        await tls.FlushAsync();

        var buffer = new byte[1024];
        var read = await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(6));
        // Kestrel answers 408 or just closes; either way the connection is not held open.
        Assert.True(read == 0 || Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 408", StringComparison.Ordinal),
            Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task ClientThatDribblesItsBody_IsCutOffAfterTheGracePeriod_WithAnErrorNotAnOutage()
    {
        var path = $"/slow-body/{Guid.NewGuid():N}";
        using var tcp = new TcpClient(new System.Net.IPEndPoint(ClientAddresses.Next(), 0));
        await tcp.ConnectAsync("127.0.0.1", appliance.EchoEdge.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => appliance.Tls.Validate(certificate, errors));
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        var started = DateTime.UtcNow;
        await tls.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"));

        // One byte a second, far under the edge's 240 B/s minimum: after its 5 s grace the edge gives up on the body.
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var reading = tls.ReadAsync(buffer).AsTask();
        while (!reading.IsCompleted && DateTime.UtcNow - started < TimeSpan.FromSeconds(60))
        {
            try { await tls.WriteAsync("x"u8.ToArray()); await tls.FlushAsync(); }
            catch (IOException) { break; }
            await Task.WhenAny(reading, Task.Delay(1000));
        }
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        answer.Append(Encoding.ASCII.GetString(buffer, 0, read));

        // Not before the grace (a busy machine only makes it later); the 408 itself shows the edge gave up on the body.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(4), $"answered {DateTime.UtcNow - started} after the headers");
        Assert.StartsWith("HTTP/1.1 408", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("{\"error\":", answer.ToString(), StringComparison.Ordinal);
        Assert.Empty(appliance.Echo.For(path));
    }

    /// <summary>A client that leaves in the middle of its body is no failure of the edge: no unhandled exception, no 2xx in the log.</summary>
    [Fact]
    public async Task ClientThatLeavesInTheMiddleOfItsBody_IsLoggedAsA400_NotAnUnhandledException()
    {
        var id = $"abort-{Guid.NewGuid():N}";
        var path = $"/abort/{Guid.NewGuid():N}";
        using (var tcp = new TcpClient(new System.Net.IPEndPoint(ClientAddresses.Next(), 0)))
        {
            await tcp.ConnectAsync("127.0.0.1", appliance.EchoEdge.HttpsPort);
            var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => appliance.Tls.Validate(certificate, errors));
            await tls.AuthenticateAsClientAsync("127.0.0.1");
            await tls.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: {id}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{{\"body\":"));
            await tls.FlushAsync();
            await Task.Delay(300);
            // A reset without TLS's close_notify, as from a client that crashed or lost its network.
            tcp.Client.LingerState = new LingerOption(true, 0);
            tcp.Client.Close();
        }

        var line = await appliance.EchoEdge.Process.WaitForOutputAsync(
            l => l.Contains(id, StringComparison.Ordinal) && l.Contains("\"http_request\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains("\"status\":400", line);
        await Task.Delay(300);
        Assert.DoesNotContain(appliance.EchoEdge.Process.Output, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("unhandled exception", StringComparison.Ordinal));
        Assert.Empty(appliance.Echo.For(path));
    }

    private sealed class ChunkedContent(int chunks, int chunkSize) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', chunkSize));
            for (var i = 0; i < chunks; i++)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
