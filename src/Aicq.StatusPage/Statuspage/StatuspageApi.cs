using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Statuspage;

/// <summary>
/// The Statuspage-compatible read API on the public port: <c>/api/v2/summary.json</c>, <c>status.json</c>,
/// <c>components.json</c>, <c>incidents.json</c>, <c>scheduled-maintenances.json</c>. Readable from any origin (widgets
/// fetch them from other sites) and never cached longer than our own <c>/api/status</c>.
/// </summary>
internal static class StatuspageApi
{
    public static IEndpointRouteBuilder MapStatuspageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2").WithTags("Statuspage").AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            context.HttpContext.Response.Headers.CacheControl = "no-cache";
            return await next(context);
        });
        group.MapGet("/summary.json", (IStatusSource source, StatusSettings settings) =>
        {
            var s = source.Current;
            return Results.Json(new StatuspageSummaryResponse(StatuspageMapping.Page(s, settings.PublicUrl), StatuspageMapping.Components(s),
                StatuspageMapping.Incidents(s, settings.PublicUrl, unresolvedOnly: true), StatuspageMapping.Maintenances(s, settings.PublicUrl),
                StatuspageMapping.Status(s)));
        }).WithName("StatuspageSummary");
        group.MapGet("/status.json", (IStatusSource source, StatusSettings settings) =>
            Results.Json(new StatuspageStatusResponse(StatuspageMapping.Page(source.Current, settings.PublicUrl), StatuspageMapping.Status(source.Current))))
            .WithName("StatuspageStatus");
        group.MapGet("/components.json", (IStatusSource source, StatusSettings settings) =>
            Results.Json(new StatuspageComponentsResponse(StatuspageMapping.Page(source.Current, settings.PublicUrl), StatuspageMapping.Components(source.Current))))
            .WithName("StatuspageComponents");
        group.MapGet("/incidents.json", (IStatusSource source, StatusSettings settings) =>
            Results.Json(new StatuspageIncidentsResponse(StatuspageMapping.Page(source.Current, settings.PublicUrl),
                StatuspageMapping.Incidents(source.Current, settings.PublicUrl, unresolvedOnly: false))))
            .WithName("StatuspageIncidents");
        group.MapGet("/scheduled-maintenances.json", (IStatusSource source, StatusSettings settings) =>
            Results.Json(new StatuspageMaintenancesResponse(StatuspageMapping.Page(source.Current, settings.PublicUrl),
                StatuspageMapping.Maintenances(source.Current, settings.PublicUrl))))
            .WithName("StatuspageScheduledMaintenances");
        return app;
    }
}
