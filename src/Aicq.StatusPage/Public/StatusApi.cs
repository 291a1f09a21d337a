using Aicq.StatusPage.Components;
using Aicq.StatusPage.History;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Public;

/// <summary>The public machine-readable views: <c>/api/status</c>, <c>/badge/{component}.svg</c>, <c>/feed.atom</c>.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Public");
        group.MapGet("/api/status", (IStatusSource source, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Json(ToResponse(source.Current));
        }).WithName("Status");
        group.MapGet("/badge/{component}.svg", (string component, IStatusSource source, HttpContext context) =>
        {
            var snapshot = source.Current;
            var (label, state) = component == "overall"
                ? ("AICQ", snapshot.Overall.State)
                : snapshot.Find(component) is { } view ? (view.Info.Name, view.Status.State) : default;
            if (label is null) return Results.NotFound();
            context.Response.Headers.CacheControl = "no-cache, max-age=0";
            return Results.Text(BadgeSvg.Render(label, state), "image/svg+xml; charset=utf-8");
        }).WithName("Badge");
        group.MapGet("/feed.atom", (IStatusSource source, Settings.StatusSettings settings) =>
            Results.Text(AtomFeed.Render(source.Current, settings.PublicUrl), "application/atom+xml; charset=utf-8")).WithName("IncidentFeed");
        return app;
    }

    internal static StatusResponse ToResponse(StatusSnapshot snapshot) => new(
        snapshot.Overall.State.Slug(),
        snapshot.Overall.Headline,
        snapshot.Overall.Reason,
        snapshot.GeneratedAt,
        snapshot.HistoryAvailable,
        snapshot.Components.Select(c => new ComponentResponse(
            c.Info.Key, c.Info.Name, c.Status.State.Slug(), c.Status.State.Text(), c.Status.Reason, Round(c.Status.LatencyMs), c.Status.CheckedAt,
            c.Status.Parts.Select(p => new PartResponse(p.Name, p.State.Slug(), p.Reason, Round(p.LatencyMs))).ToList(),
            new UptimeResponse(Percent(c.History.Uptime.Day.ShownUptime), Percent(c.History.Uptime.Week.ShownUptime),
                Percent(c.History.Uptime.Month.ShownUptime), Percent(c.History.Uptime.Quarter.ShownUptime)),
            new UptimeWindowsResponse(Window(c.History.Uptime.Day), Window(c.History.Uptime.Week), Window(c.History.Uptime.Month), Window(c.History.Uptime.Quarter)),
            c.History.Checks24h,
            c.OpenIncidentIds,
            c.Status.CheckedAt is { } at ? Math.Round(Math.Max(0, (snapshot.GeneratedAt - at).TotalSeconds), 1) : null,
            c.Status.Stale)).ToList(),
        snapshot.Incidents.Select(i => new IncidentResponse(
            i.Id, i.Title, i.Component, i.ComponentName, i.Severity, i.IsOpen ? "open" : "resolved", i.StartedAt, i.ResolvedAt,
            i.Updates.Select(u => new IncidentUpdateResponse(u.At, u.Kind, u.Message)).ToList())).ToList(),
        snapshot.Maintenance.Select(m => new MaintenanceResponse(m.Id, m.Title, m.Components, m.StartsAt, m.EndsAt, m.Active)).ToList());

    private static UptimeWindowResponse Window(UptimeWindow window) => new(
        window.IsCollecting ? "collecting" : "measured", Percent(window.ShownUptime), Math.Round(100 * window.UnknownShare, 3),
        (long)window.CheckedSeconds, (long)window.LengthSeconds, Format.Uptime(window));

    private static double? Round(double? ms) => ms is null ? null : Math.Round(ms.Value, 1);

    private static double? Percent(double? value) => value is null ? null : Math.Round(value.Value, 3);
}
