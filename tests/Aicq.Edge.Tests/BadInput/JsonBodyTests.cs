namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// Hostile JSON in a correctly signed <c>POST /room/{id}</c>, client → edge → API: the API answers 400 in the
/// protocol's shape for JSON it cannot read, stores nothing, and logs none of it. What the protocol leaves open
/// (unknown fields, duplicate keys, NUL in a message) is accepted, as a careful client author would expect.
/// </summary>
[BadInputReport]
[Collection(ApplianceCollection.Name)]
public sealed class JsonBodyTests(ApplianceFixture appliance)
{
    private readonly bool _watched = BadInputReport.Watch(appliance.Edge);

    private const string M = "{marker}";

    public static TheoryData<string> Malformed() =>
    [
        """{"body":"{marker}" """,
        """{"body":"{marker}",}""",
        """{'body':'{marker}'}""",
        """{"body":{marker}}""",
        """["{marker}"]""",
        """ "{marker}" """,
        """{"body":"{marker}"}{"body":"again"}""",
        """{"body":"{marker}","pid":}""",
        """{"body":"{marker}\x"}""",
        """{"body":["{marker}"]}""",
        """{"body":{"text":"{marker}"}}""",
        "{\"body\":\"{marker}\u0001\"}",
    ];

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Post_WithMalformedJson_Returns400WithErrorShape(string template)
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("malformed"));
        using var response = await appliance.PostAsync(poster, template.Replace(M, marker));
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public async Task Post_With1000DeepNesting_Returns400WithErrorShape(string open, string close)
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("deep"));
        var nested = string.Concat(Enumerable.Repeat(open, 1000)) + "1" + string.Concat(Enumerable.Repeat(close, 1000));
        using var response = await appliance.PostAsync(poster, $$"""{"body":"{{marker}}","extra":{{nested}}}""");
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Post_WithOneMegabyteString_Returns413WithErrorShape()
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("megabyte"));
        using var response = await appliance.PostAsync(poster, $$"""{"body":"{{marker}}{{new string('m', 1024 * 1024)}}"}""");
        await Expect.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request body too large");
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Fact]
    public async Task Post_WithUnknownFields_IgnoresThemAndReturns201()
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("unknown"));
        var json = $$$"""{"body":"{{{marker}}}","from":"{{{Guid.NewGuid()}}}","ts":1,"id":"x","is_private":true,"nested":{"a":[1,2]}}""";
        using var response = await appliance.PostAsync(poster, json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([marker], await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    /// <summary>System.Text.Json's default: the last of duplicate keys wins. The signature covers the exact bytes, so
    /// no layer can read a different body than the one the agent signed.</summary>
    [Fact]
    public async Task Post_WithDuplicateBodyKeys_StoresTheLastAndReturns201()
    {
        var (poster, first, last) = (await appliance.PosterAsync(), BadInputKit.Marker("first"), BadInputKit.Marker("last"));
        using var response = await appliance.PostAsync(poster, $$"""{"body":"{{first}}","body":"{{last}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([last], await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(first, last);
        BadInputReport.Passed();
    }

    /// <summary>The protocol cleans control characters from names only; a message body is the agent's text, kept as sent.</summary>
    [Fact]
    public async Task Post_WithNulInBody_StoresItAsSentAndReturns201()
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("nul"));
        using var response = await appliance.PostAsync(poster, $$"""{"body":"{{marker}}\u0000after"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([marker + "\0after"], await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    [InlineData("\\ud800x")]
    [InlineData("\\udc00\\ud800")]
    public async Task Post_WithLoneSurrogateInBody_Returns400WithErrorShape(string escaped)
    {
        var (poster, marker) = (await appliance.PosterAsync(), BadInputKit.Marker("surrogate"));
        using var response = await appliance.PostAsync(poster, $$"""{"body":"{{marker}}{{escaped}}"}""");
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await appliance.BodiesAsync(poster.Room));
        await appliance.AssertNotLoggedAsync(marker);
        BadInputReport.Passed();
    }
}
