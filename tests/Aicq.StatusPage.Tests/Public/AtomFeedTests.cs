namespace Aicq.StatusPage.Tests.Public;

/// <summary>Whatever an alert carries, the feed stays well-formed XML for the 14 days its entry lives.</summary>
public sealed class AtomFeedTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Feed_AfterAnAlertFullOfControlCharacters_ParsesAsXml()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var controls = string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)) + "\u007f\u0085\u009f\ufffe\uffff";
        var alert = Alerts.Alert("firing", "Broken" + controls, "api" + controls, fingerprint, DateTimeOffset.UtcNow.AddMinutes(-1),
            summary: "Feed test " + fingerprint + controls, description: controls, severity: "critical" + controls);
        using var response = await Alerts.PostAsync(fixture.Page, Alerts.Delivery("firing", alert));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var http = fixture.Page.PublicClient();
        using var feed = await http.GetAsync("/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var document = XDocument.Parse(await feed.Content.ReadAsStringAsync());
        var entry = Assert.Single(document.Root!.Elements(Atom + "entry"), e => e.Element(Atom + "title")!.Value.Contains(fingerprint));
        Assert.Contains("Severity: unknown.", entry.Element(Atom + "content")!.Value);
    }
}
