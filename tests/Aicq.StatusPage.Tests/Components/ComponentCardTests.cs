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
    public void LastCheck_ShowsItsAgeAndTime_AndAStaleOneIsMarked()
    {
        var fresh = Render<ComponentCard>(p => p.Add(c => c.View, View(Samples.Status(Catalog.Api, ComponentState.Operational))).Add(c => c.Now, Samples.Now.AddSeconds(12)));
        Assert.Equal("checked 12 s ago", fresh.Find(".freshness .age").TextContent);
        Assert.Equal("15:09:26 UTC", fresh.Find(".freshness time").TextContent);
        Assert.Equal("false", fresh.Find(".freshness").GetAttribute("data-stale"));

        var stale = Samples.Status(Catalog.Api, ComponentState.Unknown, "No check for 3 min (checked every 30 s); the prober may be stalled") with { Stale = true };
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(stale)).Add(c => c.Now, Samples.Now.AddMinutes(3)));
        Assert.Equal("checked 3 min ago", card.Find(".freshness .age").TextContent);
        Assert.Equal("true", card.Find(".freshness").GetAttribute("data-stale"));
        Assert.Equal("? Unknown (stale)", card.Find(".component-head .state").TextContent.Trim());
        Assert.Contains("the prober may be stalled", card.Find(".reason").TextContent);
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
    public void History_IsShownAsPercentagesWithTheirUnknownShare_CollectingWindowsSayHowMuchData_StripInWords_AndChart()
    {
        var days = ComponentHistory.EmptyDays(Samples.Now).ToList();
        days[^1] = days[^1] with { Time = new UptimeWindow(86400, UpSeconds: 79200, DownSeconds: 800, MaintenanceSeconds: 0) };
        days[^2] = days[^2] with { Time = new UptimeWindow(86400, 86400, 0, 0) };
        var uptime = new UptimeWindows(new UptimeWindow(1000, 960, 10, 0), new UptimeWindow(1000, 995, 5, 0),
            new UptimeWindow(1000, 999.1234, 0.8766, 0), new UptimeWindow(90 * 86400, 47 * 60, 0, 0));
        var history = new ComponentHistory(uptime, days, [new LatencyPoint(Samples.Now.AddHours(-1), 10, 20), new LatencyPoint(Samples.Now, 30, 80)], 2000);
        var card = Render<ComponentCard>(p => p.Add(c => c.View, View(Samples.Status(Catalog.Api, ComponentState.Operational)) with { History = history }));

        Assert.Equal(["98.96 % (3 % unknown)", "99.50 %", "99.91 %", "collecting: 47 min of data"], card.FindAll(".uptime dd").Select(d => d.TextContent));
        Assert.Equal(["measured", "measured", "measured", "collecting"], card.FindAll(".uptime [data-window]").Select(d => d.GetAttribute("data-uptime")));
        Assert.Equal(90, card.FindAll(".strip .bar").Count);
        Assert.Equal("1 operational, 1 degraded, 88 not checked, 1 partly unknown", card.Find(".strip").GetAttribute("aria-label"));
        var today = card.FindAll(".bar")[^1];
        Assert.Equal("2026-03-14: 99.00 % up over 22 h 13 min checked, 7.4 % unknown (degraded)", today.GetAttribute("title"));
        Assert.Equal("1", today.GetAttribute("data-unknown"));
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
