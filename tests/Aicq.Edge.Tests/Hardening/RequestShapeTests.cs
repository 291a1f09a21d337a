using Aicq.Edge.Hardening;
using Aicq.Edge.Settings;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.Edge.Tests.Hardening;

/// <summary>
/// The edge's request-shape limits sit strictly inside the API's Kestrel limits, so the answer a client sees at the
/// boundary is the edge's JSON one, never the API's bare Kestrel refusal; written raw through the real edge and API.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class RequestShapeTests(ApplianceFixture appliance)
{
    /// <summary>The longest target whose forwarded request line is exactly at the limit.</summary>
    private static readonly int LongestTarget = RequestLimits.MaxRequestLineBytes - RequestLimits.RequestLineBytes("GET", 0);

    [Fact]
    public void EdgeLimits_SitStrictlyInsideTheApisKestrelLimits_AndBelowTheEdgesOwnCeilings()
    {
        var api = new KestrelServerOptions().Limits;
        RequestLimits.ApplyBehindEdge(api);
        var edge = new KestrelServerOptions().Limits;
        KestrelLimits.Apply(edge, ListenSettings.Read(new Aicq.ServiceDefaults.Settings.SettingsReader(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())));

        Assert.True(RequestLimits.MaxRequestLineBytes < api.MaxRequestLineSize, "request line");
        Assert.True(RequestLimits.MaxHeaderCount + RequestLimits.ForwardingHeaderCount < api.MaxRequestHeaderCount, "header count");
        Assert.True(RequestLimits.MaxHeaderBytes + RequestLimits.ForwardingHeaderBytes < api.MaxRequestHeadersTotalSize, "header bytes");
        Assert.True(RequestLimits.MaxBodyBytes < api.MaxRequestBodySize, "body");
        // The edge's own Kestrel must let every request up to the limits through to RequestShapeGuard, which answers in JSON.
        Assert.True(RequestLimits.MaxRequestLineBytes < edge.MaxRequestLineSize, "edge request line");
        Assert.True(RequestLimits.MaxHeaderCount < edge.MaxRequestHeaderCount, "edge header count");
        Assert.True(RequestLimits.MaxHeaderBytes < edge.MaxRequestHeadersTotalSize, "edge header bytes");
    }

    /// <summary>Issue 12: an 8,192-byte target passed the edge and got the API's bare 414.</summary>
    [Theory]
    [InlineData(8192)]
    [InlineData(8178)]
    public async Task Target_JustOverTheLimit_Is414FromTheEdge_WithTheErrorShape(int length)
    {
        Assert.True(length > LongestTarget);
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", Target(length)));
        Assert.Equal("request target too long", response.AssertError(414));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Target_AtTheLimit_ReachesTheApi_AndGetsItsJsonAnswer()
    {
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", Target(LongestTarget)));
        // The API's own answer: the query is over 100 characters.
        response.AssertError(400);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    /// <summary>The proxy re-escapes a decoded path (<c>{</c> becomes <c>%7B</c>): the target the API would get is three times longer.</summary>
    [Fact]
    public async Task Target_ThatGrowsWhenForwarded_Is414FromTheEdge()
    {
        var target = "/who/" + new string('{', 3000);
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", target));
        Assert.Equal("request target too long", response.AssertError(414));
    }

    /// <summary>Kestrel counts header lines, not names: 60 copies of one header are 60 headers.</summary>
    [Fact]
    public async Task SameHeaderSentManyTimes_CountsEveryLine_Is431FromTheEdge()
    {
        var lines = Enumerable.Repeat("X-Filler: x", 60).ToArray();
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", "/channels", lines));
        Assert.Equal("too many request headers", response.AssertError(431));
    }

    [Fact]
    public async Task Headers_AtTheLimit_ReachTheApi()
    {
        // 50 lines with Host and Connection; names and values 16 KiB in all.
        var fillers = Enumerable.Range(0, 48).Select(i => $"X-Filler-{i:00}: {new string('h', 320)}").ToArray();
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", "/channels", fillers));
        Assert.Equal(200, response.Status);
    }

    /// <summary>Not valid UTF-8 (Latin-1 é) was Kestrel's bare 400; valid UTF-8 was a 502, the forwarder sending only ASCII.</summary>
    [Theory]
    [InlineData("X-Note: caf\u00e9")]
    [InlineData("X-Note: caf\u00c3\u00a9")]
    [InlineData("User-Agent: agent/\u00ff")]
    public async Task NonAsciiHeaderValue_Is400FromTheEdge_WithTheErrorShape(string line)
    {
        var response = await RawHttps.SendAsync(appliance.Edge, RawHttps.Head("GET", "/channels", line));
        Assert.Equal("header values must be ASCII", response.AssertError(400));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
    }

    /// <summary>A target of exactly <paramref name="length"/> bytes that the API answers with 400 (q over 100 characters).</summary>
    private static string Target(int length) => "/find?q=" + new string('q', length - "/find?q=".Length);
}
