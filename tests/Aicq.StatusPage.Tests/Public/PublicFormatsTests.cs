using Aicq.StatusPage.Public;

namespace Aicq.StatusPage.Tests.Public;

public sealed class PublicFormatsTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void Badge_IsWellFormedSvg_WithTheStateInWords()
    {
        var svg = XDocument.Parse(BadgeSvg.Render("R&D <API>", ComponentState.Outage));
        Assert.Equal("R&D <API>: outage", svg.Root!.Attribute("aria-label")!.Value);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value == "outage");
    }

    [Fact]
    public void Feed_ListsIncidentsByLatestChange_WithOpenOrResolvedInTheTitle()
    {
        var snapshot = Samples.Snapshot([], incidents: [Samples.Incident(1, "Redis was down", Catalog.Redis, open: false), Samples.Incident(2, "Edge <slow>", Catalog.Edge)]);
        var feed = XDocument.Parse(AtomFeed.Render(snapshot, new Uri("https://status.aicq.example/")));
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        // Resolved 5 minutes ago is a later change than opened 30 minutes ago.
        Assert.Equal(["[Resolved] Redis was down", "[Open] Edge <slow>"], entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal("https://status.aicq.example/#incident-2", entries[1].Element(Atom + "id")!.Value);
        Assert.Contains("Affects: Public edge (HTTPS)", entries[1].Element(Atom + "content")!.Value);
    }

    [Fact]
    public void Feed_WithCharactersXmlCannotCarry_StoredBeforeTheyWereCleaned_IsStillWellFormed()
    {
        var incident = Samples.Incident(1, "Redis\u0001 down \ud800", Catalog.Redis, severity: "crit\u0000ical\u001b") with { Component = "redis\uffff" };
        var feed = XDocument.Parse(AtomFeed.Render(Samples.Snapshot([], incidents: [incident]), new Uri("https://status.aicq.example/")));
        var entry = feed.Root!.Element(Atom + "entry")!;
        Assert.Equal("[Open] Redis\ufffd down \ufffd", entry.Element(Atom + "title")!.Value);
        Assert.Contains("Severity: crit\ufffdical\ufffd.", entry.Element(Atom + "content")!.Value);
    }

    [Fact]
    public void StatusJson_CarriesStatesUptimeAndParts()
    {
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Degraded, "1 of 2 instances not answering",
            new CheckPart("Instance 1", ComponentState.Operational, null, 12.345), new CheckPart("Instance 2", ComponentState.Outage, "connection refused", null))]);
        var json = StatusApi.ToResponse(snapshot);
        var api = json.Components.Single(c => c.Key == Catalog.Api);
        Assert.Equal(("degraded", "Degraded", "1 of 2 instances not answering"), (api.State, api.StateText, api.Reason));
        Assert.Equal([12.3, null], api.Parts.Select(p => p.LatencyMs));
        Assert.Equal("not_monitored", json.Components.Single(c => c.Key == Catalog.Loki).State);
        Assert.Equal("degraded", json.Status);
    }

    [Fact]
    public void Chart_IsWellFormedSvg_ForOneOrManyPoints()
    {
        var one = XDocument.Parse(ChartSvg.Render([new LatencyPoint(Samples.Now, 12, 15)]));
        Assert.Single(one.Descendants(), e => e.Name.LocalName == "circle");
        var many = XDocument.Parse(ChartSvg.Render([new LatencyPoint(Samples.Now.AddHours(-2), 12, 15), new LatencyPoint(Samples.Now, 1500, 4000)]));
        Assert.Equal(2, many.Descendants().Count(e => e.Name.LocalName == "polyline"));
        Assert.Contains(many.Descendants(), e => e.Name.LocalName == "text" && e.Value == "5.0 s");
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(420, 500)]
    [InlineData(501, 1000)]
    public void ChartScale_EndsOnARoundNumber(double max, double expected)
    {
        Assert.Equal(expected, ChartSvg.NiceCeiling(max));
    }
}
