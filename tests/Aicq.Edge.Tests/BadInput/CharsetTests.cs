using Aicq.Testing.Telemetry;

namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// A JSON body's charset, client → edge → API: the edge passes the header as sent, and the API's answer (UTF-8 under
/// any label accepted, any other charset 415) reaches the client unchanged. No such request is a 5xx anywhere, so none
/// counts towards the 5xx alerts.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class CharsetTests(ApplianceFixture appliance)
{
    private string[] ApiMetrics => [appliance.Api1.MetricsUrl + "/metrics", appliance.Api2.MetricsUrl + "/metrics"];

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=utf8")]
    public async Task Register_WithUtf8UnderAnyLabel_Returns201(string contentType)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.SendAsync(Typed("/register", $$"""{"public_key":"{{AgentKey.Generate().PublicKeyBase64}}"}""", contentType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=")]
    public async Task Register_WithAnotherCharset_Returns415AndNo5xx(string contentType)
    {
        var before = await ServerErrorsAsync();
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.SendAsync(Typed("/register", $$"""{"public_key":"{{AgentKey.Generate().PublicKeyBase64}}"}""", contentType));

        await Expect.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        Expect.SecurityHeaders(response);
        Assert.Equal(before, await ServerErrorsAsync());
    }

    [Fact]
    public async Task SignedPost_WithAnotherCharset_Returns415AndStoresNothing()
    {
        var before = await ServerErrorsAsync();
        var poster = await appliance.PosterAsync();
        using var client = appliance.Edge.Signed(poster.Agent, poster.From);
        using var response = await client.SendAsync(Typed($"/room/{poster.Room}", """{"body":"charset"}""", "application/json; charset=utf-7"));

        await Expect.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        Assert.Equal(before, await ServerErrorsAsync());
    }

    /// <summary>5xx answers counted by the edge and by both APIs.</summary>
    private async Task<double> ServerErrorsAsync()
    {
        var total = await MetricSeries.ServerErrorsAsync(appliance.Edge.InternalUrl + "/metrics", "aicq_edge_requests_total");
        foreach (var url in ApiMetrics) total += await MetricSeries.ServerErrorsAsync(url, "aicq_http_requests_total");
        return total;
    }

    private static HttpRequestMessage Typed(string path, string json, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        Assert.True(request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        return request;
    }
}
