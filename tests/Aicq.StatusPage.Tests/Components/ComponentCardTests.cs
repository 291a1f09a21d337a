using Aicq.StatusPage.Components.Status;
using Aicq.StatusPage.History;
using Aicq.StatusPage.State;
using Aicq.StatusPage.Tests.Support;
using Bunit;

namespace Aicq.StatusPage.Tests.Components;

public sealed class ComponentCardTests : BunitContext
{
    [Fact]
    public void DegradedComponent_ShowsStateInWordsAndSymbol_ReasonAndParts()
    {
        var status = Samples.Status(Catalog.Redis, ComponentState.Degraded, "the API reports it failing (unreachable)",
            new CheckPart("As seen by instance 1", ComponentState.Degraded, "unreachable", 0.4));
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(status)));

        var article = card.Find("article");
        Assert.Equal("degraded", article.GetAttribute("data-state"));
        Assert.Equal("! Degraded", card.Find(".component-head .state").TextContent.Trim());
        Assert.Equal("the API reports it failing (unreachable)", card.Find(".reason").TextContent);
        var part = card.Find("li[data-part]");
        Assert.Equal("degraded", part.GetAttribute("data-state"));
        Assert.Contains("unreachable", part.TextContent);
        Assert.Contains("< 1 ms", part.TextContent);
    }

    [Fact]
    public void NotMonitoredComponent_SaysSo_WithoutUptimeOrChart()
    {
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(ComponentStatus.NotMonitored(Catalog.Loki))));
        Assert.Equal("– Not monitored", card.Find(".state").TextContent.Trim());
        Assert.Empty(card.FindAll(".uptime"));
        Assert.Empty(card.FindAll(".strip"));
        Assert.Equal(Catalog.Find(Catalog.Loki)!.Description, card.Find(".description").TextContent);
    }

    [Fact]
    public void History_IsShownAsPercentages_StripInWords_AndChart()
    {
        var days = ComponentHistory.EmptyDays(Samples.Now).ToList();
        days[^1] = days[^1] with { Total = 1000, Operational = 990 };
        days[^2] = days[^2] with { Total = 1000, Operational = 1000 };
        var history = new ComponentHistory(new UptimeWindows(99, 99.5, 99.91234, null), days,
            [new LatencyPoint(Samples.Now.AddHours(-1), 10, 20), new LatencyPoint(Samples.Now, 30, 80)], 2000);
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(Samples.Status(Catalog.Api, ComponentState.Operational)) with { History = history }));

        Assert.Equal(["99.00 %", "99.50 %", "99.91 %", "no data"], card.FindAll(".uptime dd").Select(d => d.TextContent));
        Assert.Equal(90, card.FindAll(".strip .bar").Count);
        Assert.Equal("1 operational, 1 degraded, 88 without data", card.Find(".strip").GetAttribute("aria-label"));
        Assert.Contains("99.00 % operational (degraded)", card.FindAll(".bar")[^1].GetAttribute("title"));
        Assert.Equal(2, card.FindAll("svg.chart polyline").Count);
        Assert.Contains("average 20 ms, slowest 80 ms", card.Find(".chart-caption").TextContent);
    }

    [Fact]
    public void OpenIncident_IsLinkedFromItsComponent()
    {
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(Samples.Status(Catalog.Api, ComponentState.Operational)) with { OpenIncidentIds = [3] }));
        Assert.Equal("#incident-3", card.Find(".incident-link a").GetAttribute("href"));
    }

    private static ComponentView View(ComponentStatus status) =>
        new(Catalog.Find(status.Key)!, status, ComponentHistory.Empty(Samples.Now), []);
}
