using Aicq.StatusPage.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Aicq.StatusPage.Tests.Components;

public sealed class StatusViewTests : BunitContext
{
    /// <summary>The home page listens for changes only in a live (interactive) circuit, as in the browser.</summary>
    private IRenderedComponent<Home> RenderLiveHome(FakeSource source)
    {
        Services.AddSingleton<IStatusSource>(source);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<Home>();
    }

    [Fact]
    public void OpenIncident_ShowsABanner_ResolvedOnesAreListedBelow()
    {
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Operational)],
            incidents: [Samples.Incident(1, "High error ratio"), Samples.Incident(2, "Redis was down", Catalog.Redis, open: false)]);
        var view = Render<StatusView>(p => p.Add(v => v.Snapshot, snapshot));

        var banner = view.Find(".incident-banner");
        Assert.Equal("1", banner.GetAttribute("data-incident"));
        Assert.Contains("High error ratio", banner.TextContent);
        Assert.Contains("Affects AICQ API", banner.TextContent);
        Assert.Contains("30 min ago", banner.TextContent);
        var past = view.Find(".past-incident");
        Assert.Contains("Redis was down", past.TextContent);
        Assert.Contains("The alert has cleared.", past.TextContent);
        Assert.Equal("degraded", view.Find("[data-overall]").GetAttribute("data-overall"));
    }

    [Fact]
    public void MaintenanceWindows_AreAnnounced_RunningOrUpcoming()
    {
        var running = new MaintenanceView(1, "Database upgrade", [Catalog.Postgres], Samples.Now.AddMinutes(-1), Samples.Now.AddHours(1), Active: true);
        var upcoming = new MaintenanceView(2, "Edge certificates", ["all"], Samples.Now.AddDays(1), Samples.Now.AddDays(1).AddHours(1), Active: false);
        var view = Render<StatusView>(p => p.Add(v => v.Snapshot, Samples.Snapshot([], maintenance: [running, upcoming])));
        var notices = view.FindAll(".maintenance-notice");
        Assert.Contains("Maintenance in progress", notices[0].TextContent);
        Assert.Contains("Affects PostgreSQL", notices[0].TextContent);
        Assert.Contains("Scheduled maintenance", notices[1].TextContent);
        Assert.Contains("Affects all components", notices[1].TextContent);
    }

    [Fact]
    public void DayBarLegend_IsShownOnce_WithUnknownAsItsOwnColour()
    {
        var view = Render<StatusView>(p => p.Add(v => v.Snapshot, Samples.AllOperational()));
        var legend = Assert.Single(view.FindAll(".strip-legend"));
        Assert.NotNull(legend.QuerySelector(".key.state-unknown"));
        Assert.Contains("unknown (not checked)", legend.TextContent);
    }

    [Fact]
    public void WithoutHistory_ThePageSaysTheStatesAreLive()
    {
        var snapshot = Samples.AllOperational() with { HistoryAvailable = false };
        var view = Render<StatusView>(p => p.Add(v => v.Snapshot, snapshot));
        Assert.Contains("History is temporarily unavailable", view.Find(".note").TextContent);
    }

    [Fact]
    public void HomePage_UpdatesLive_WhenTheBoardChanges()
    {
        var source = new FakeSource(Samples.AllOperational());
        var home = RenderLiveHome(source);
        Assert.Equal("operational", home.Find("[data-overall]").GetAttribute("data-overall"));

        source.Publish(Samples.Snapshot([Samples.Status(Catalog.Redis, ComponentState.Degraded, "the API reports it failing (unreachable)")]));

        home.WaitForAssertion(() =>
        {
            Assert.Equal("degraded", home.Find("[data-component=redis]").GetAttribute("data-state"));
            Assert.Equal("! Degraded service", home.Find(".overall-headline").TextContent.Trim());
        });
    }

    [Fact]
    public void HomePage_StopsListening_WhenTheVisitorLeaves()
    {
        var source = new FakeSource(Samples.AllOperational());
        var home = RenderLiveHome(source);
        Assert.Equal(1, source.Listeners);
        home.Instance.Dispose();
        Assert.Equal(0, source.Listeners);
    }

    [Fact]
    public void ServerRenderedPage_DoesNotListen()
    {
        var source = new FakeSource(Samples.AllOperational());
        Services.AddSingleton<IStatusSource>(source);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Render<Home>();
        Assert.Equal(0, source.Listeners);
    }

    private sealed class FakeSource(StatusSnapshot initial) : IStatusSource
    {
        private Action? _changed;

        public StatusSnapshot Current { get; private set; } = initial;

        public int Listeners => _changed?.GetInvocationList().Length ?? 0;

        public event Action? Changed
        {
            add => _changed += value;
            remove => _changed -= value;
        }

        public void Publish(StatusSnapshot snapshot)
        {
            Current = snapshot;
            _changed?.Invoke();
        }
    }
}
