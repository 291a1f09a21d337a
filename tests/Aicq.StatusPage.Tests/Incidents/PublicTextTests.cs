namespace Aicq.StatusPage.Tests.Incidents;

public sealed class PublicTextTests
{
    private readonly PublicText _text = new(["db-primary", "status"]);

    [Theory]
    [InlineData("Instance 127.0.0.1:5080 is down", "Instance [internal] is down")]
    [InlineData("see http://prometheus:9090/graph?g0=up for details", "see [internal] for details")]
    [InlineData("api-1:5080 and redis:6379 fail", "[internal] and [internal] fail")]
    [InlineData("db-primary refuses connections", "[internal] refuses connections")]
    [InlineData("node api-7.fra.internal is full", "node [internal] is full")]
    [InlineData("localhost and ::1 and fe80::1:2 answer", "[internal] and [internal] and [internal] answer")]
    [InlineData("since 10:20:30 UTC", "since 10:20:30 UTC")]
    [InlineData("The status page is down", "The status page is down")]
    [InlineData("line one\nline two", "line one line two")]
    public void Scrub_RemovesAddressesAndInternalNames(string input, string expected)
    {
        Assert.Equal(expected, _text.Scrub(input));
    }

    [Fact]
    public void Scrub_CapsTheLength()
    {
        Assert.Equal(20, _text.Scrub(new string('x', 500), 20).Length);
    }

    [Theory]
    [InlineData("api", Catalog.Api)]
    [InlineData("Redis", Catalog.Redis)]
    [InlineData("tls", Catalog.Edge)]
    [InlineData("slo", Catalog.Api)]
    [InlineData("host", Catalog.Platform)]
    [InlineData("status", Catalog.Platform)]
    [InlineData("something-new", Catalog.Platform)]
    public void AlertComponentLabel_MapsToAPageComponent(string label, string expected)
    {
        Assert.Equal(expected, AlertComponents.Map(label));
    }
}
