using System.Net.Sockets;

namespace Aicq.Api.Tests.Http;

/// <summary>
/// Bodies in a charset the API refuses, sent to the real process: 415s that leave the 5xx count (which pages on-call)
/// alone, answered from the header before the body is read.
/// </summary>
public sealed class CharsetProcessTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private string MetricsUrl => fixture.Api.MetricsUrl + "/metrics";

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=\"utf-16\"")]
    public async Task Register_WithAnotherCharset_Returns415AndCountsNo5xx(string contentType)
    {
        var before = await MetricSeries.ServerErrorsAsync(MetricsUrl, "aicq_http_requests_total");
        using var http = fixture.Api.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = new ByteArrayContent("{\"public_key\":\"x\"}"u8.ToArray()) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await Assert.Error(await http.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
        }
        Assert.Equal(before, await MetricSeries.ServerErrorsAsync(MetricsUrl, "aicq_http_requests_total"));
    }

    /// <summary>The 415 comes from the header alone: the client never sends the body it announced, and still gets its answer.</summary>
    [Fact]
    public async Task Register_WithAnotherCharset_AnswersBeforeReadingTheBody()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Api.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json; charset=foo\r\nContent-Length: 100\r\n\r\n"));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var head = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 415 ", head);
    }
}
