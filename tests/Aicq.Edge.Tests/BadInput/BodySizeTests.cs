namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// Request body sizes around the 8 KiB limit on a signed <c>POST /room/{id}</c>, client → edge (HTTPS) → API. Up to the
/// limit the API judges the message (an empty request is 400, a message over 4096 bytes 422); past it the edge answers
/// 413, declared or chunked, and the body reaches neither the API nor any log.
/// </summary>
[BadInputReport]
[Collection(ApplianceCollection.Name)]
public sealed class BodySizeTests(ApplianceFixture appliance)
{
    private readonly bool _watched = BadInputReport.Watch(appliance.Edge);

    private const int Limit = BadInputKit.RequestBodyLimit;

    public static TheoryData<int, HttpStatusCode> Sizes() => new()
    {
        { 0, HttpStatusCode.BadRequest },
        { Limit - 1, HttpStatusCode.UnprocessableEntity },
        { Limit, HttpStatusCode.UnprocessableEntity },
        { Limit + 1, HttpStatusCode.RequestEntityTooLarge },
        { Limit * 10, HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Post_WithBodyOfSize_ReturnsTheRight4xxWithErrorShape(int bytes, HttpStatusCode expected)
    {
        var poster = await appliance.PosterAsync();
        var marker = BadInputKit.Marker("size");
        var json = bytes == 0 ? "" : BadInputKit.JsonOfBytes(bytes, marker);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(json));

        using var response = await appliance.PostAsync(poster, json);
        await Expect.ErrorAsync(response, expected);
        Expect.SecurityHeaders(response);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Post_WithSmallChunkedBody_IsForwardedAndReturns201()
    {
        var poster = await appliance.PosterAsync();
        var marker = BadInputKit.Marker("chunked-ok");
        var body = Encoding.UTF8.GetBytes($$"""{"body":"{{marker}}"}""");

        var response = await SendChunkedAsync(poster, body, [.. body.Chunk(7).Select(c => c.ToArray())]);

        Assert.Equal(201, response.Status);
        Assert.Equal([marker], await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData(Limit + 1, 1024)]
    [InlineData(Limit * 10, 4096)]
    [InlineData(Limit + 1, Limit + 1)]
    public async Task Post_WithChunkedBodyOverTheLimit_Returns413WithErrorShape(int bytes, int chunkSize)
    {
        var poster = await appliance.PosterAsync();
        var marker = BadInputKit.Marker("chunked-big");
        var body = Encoding.UTF8.GetBytes(BadInputKit.JsonOfBytes(bytes, marker));

        var response = await SendChunkedAsync(poster, body, [.. body.Chunk(chunkSize).Select(c => c.ToArray())]);

        Assert.Equal("request body too large", response.AssertError(413));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Post_WithChunkSizeDeclaredFarOverTheLimit_Returns413WithErrorShape()
    {
        var poster = await appliance.PosterAsync();
        var marker = BadInputKit.Marker("huge-chunk");
        var head = RawHttps.Head("POST", $"/room/{poster.Room}",
            [.. BadInputKit.SignedHeaderLines(poster.Agent, []), "Content-Type: application/json", "Transfer-Encoding: chunked"]);
        var body = Encoding.ASCII.GetBytes($"7FFFFFFF\r\n{BadInputKit.JsonOfBytes(2 * Limit, marker)}");

        var response = await RawHttps.SendAsync(appliance.Edge, head, body, poster.From);

        Assert.Equal("request body too large", response.AssertError(413));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2\r\n{}XX0\r\n\r\n")]
    [InlineData("-2\r\n{}\r\n0\r\n\r\n")]
    public async Task Post_WithMalformedChunking_Returns400WithErrorShape(string chunkedBody)
    {
        var poster = await appliance.PosterAsync();
        var head = RawHttps.Head("POST", $"/room/{poster.Room}",
            [.. BadInputKit.SignedHeaderLines(poster.Agent, "{}"u8.ToArray()), "Content-Type: application/json", "Transfer-Encoding: chunked"]);

        var response = await RawHttps.SendAsync(appliance.Edge, head, Encoding.ASCII.GetBytes(chunkedBody), poster.From);

        Assert.Equal("invalid request body", response.AssertError(400));
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        BadInputReport.Passed();
    }

    /// <summary>A signed POST of <paramref name="body"/> to the poster's room, sent as the given chunks.</summary>
    private async Task<RawResponse> SendChunkedAsync(Poster poster, byte[] body, byte[][] chunks)
    {
        var head = RawHttps.Head("POST", $"/room/{poster.Room}",
            [.. BadInputKit.SignedHeaderLines(poster.Agent, body), "Content-Type: application/json", "Transfer-Encoding: chunked"]);
        using var wire = new MemoryStream();
        foreach (var chunk in chunks)
        {
            wire.Write(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
            wire.Write(chunk);
            wire.Write("\r\n"u8);
        }
        wire.Write("0\r\n\r\n"u8);
        return await RawHttps.SendAsync(appliance.Edge, head, wire.ToArray(), poster.From);
    }
}
