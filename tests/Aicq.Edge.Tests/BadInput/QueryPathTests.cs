namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// Query and path abuse through the edge: bad paging values are the API's 400, an encoded or dotted way to an internal
/// path is a 404 (never metrics), and trailing slashes and case variants reach the same route with the same rate limit.
/// </summary>
[BadInputReport]
[Collection(ApplianceCollection.Name)]
public sealed class QueryPathTests(ApplianceFixture appliance)
{
    private readonly bool _watched = BadInputReport.Watch(appliance.Edge);

    private static readonly string Global = $"/room/{Requests.GlobalRoom}";

    public static TheoryData<string> BadPaging() =>
    [
        "/channels?limit=-1",
        "/channels?limit=1e9",
        "/channels?limit=0",
        "/channels?limit=99999999999999999999999",
        "/channels?limit=%2010",
        "/channels?offset=-1",
        $"{Global}?limit=-1",
        $"{Global}?limit=1e9",
        $"{Global}?before=-1",
        "/find?q=word&limit=-1",
        "/find?q=word&limit=1e9",
        "/find?q=",
        $"/find?q={new string('q', 101)}",
        $"/find?q={new string('q', 5 * 1024)}",
        "/find?q=word&room=..%2f..%2fmetrics",
    ];

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task Get_WithBadQueryValue_Returns400WithErrorShape(string url)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync(url);
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        Expect.SecurityHeaders(response);
        BadInputReport.Passed();
    }

    /// <summary>A limit above the maximum is not an error: the protocol caps it (limit ≤ 100) and the API clamps.</summary>
    [Theory]
    [InlineData("/channels?limit=1000000000")]
    [InlineData("/find?q=word&limit=1000000000")]
    public async Task Get_WithHugeLimit_IsClampedAndReturns200(string url)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Get_With10KBQuery_Returns414_FromTheEdge()
    {
        var secret = BadInputKit.Marker("long-q");
        var head = RawHttps.Head("GET", $"/find?q={secret}{new string('q', 10 * 1024)}");
        var response = await RawHttps.SendAsync(appliance.Edge, head);
        response.AssertError(414);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        await appliance.AssertNotLoggedAsync(secret);
        BadInputReport.Passed();
    }

    // Beyond Kestrel's 32 KiB ceiling the refusal is Kestrel's own, made before any middleware, rewritten into the error shape.
    [Fact]
    public async Task Get_With40KBQuery_IsRefusedByKestrel_414WithErrorShape()
    {
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", $"/find?q={new string('q', 40 * 1024)}"));
        response.AssertError(414);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        BadInputReport.Passed();
    }

    // A path that decodes to a NUL is refused by the edge's Kestrel itself, before any middleware, rewritten into the error shape.
    [Theory]
    [InlineData("/who/%00")]
    [InlineData("/room/%00/x")]
    [InlineData("/%00metrics")]
    public async Task Get_WithEncodedNulInPath_Returns400WithErrorShape(string target)
    {
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", target));
        response.AssertError(400);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        BadInputReport.Passed();
    }

    /// <summary>Written raw: HttpClient would resolve the dot segments itself before sending.</summary>
    [Theory]
    [InlineData("/room/..%2f..%2fmetrics", 400)]
    [InlineData("/room/..%2F..%2Fmetrics", 400)]
    [InlineData("/%2e%2e/metrics", 404)]
    [InlineData("/room/%2e%2e/%2e%2e/metrics", 404)]
    [InlineData("/room/../../metrics", 404)]
    [InlineData("/room/./../Metrics", 404)]
    [InlineData("/%2fmetrics", 404)]
    [InlineData("/metrics%2f", 404)]
    [InlineData("/health%2flive", 404)]
    [InlineData("/admin%2fblocks", 404)]
    [InlineData("/%61dmin/blocks", 404)]
    [InlineData("/room%2f00000000-0000-0000-0000-000000000001", 404)]
    public async Task Get_WithEncodedTraversal_ReturnsNotMetricsWithErrorShape(string target, int expected)
    {
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", target));
        response.AssertError(expected);
        Assert.DoesNotContain("# HELP", response.Body);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData("/metrics/")]
    [InlineData("/Metrics")]
    [InlineData("/mEtRiCs")]
    [InlineData("/Health/Ready")]
    [InlineData("/ADMIN/BLOCKS/")]
    public async Task Get_InternalPathCaseOrSlashVariant_Returns404WithErrorShape(string path)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync(path);
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound, "not found");
        BadInputReport.Passed();
    }

    /// <summary>The same route whatever the case or a trailing slash, so neither dodges the route's rate limit.</summary>
    [Theory]
    [InlineData("/channels/", 60)]
    [InlineData("/CHANNELS", 60)]
    [InlineData("/Channels/", 60)]
    [InlineData("/FIND?q=word", 30)]
    [InlineData("/find/?q=word", 30)]
    [InlineData("/ROOM/00000000-0000-0000-0000-000000000001", 120)]
    [InlineData("/room/00000000-0000-0000-0000-000000000001/", 120)]
    public async Task Get_CaseOrTrailingSlashVariant_ReachesTheRouteWithItsRateLimit(string path, int limit)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(limit, Expect.RateLimit(response).Limit);
        BadInputReport.Passed();
    }
}
