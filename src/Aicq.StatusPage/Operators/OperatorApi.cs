using Aicq.StatusPage.Components.Operators;
using Aicq.StatusPage.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.Maintenance;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Operators;

/// <summary>
/// Operator endpoints (internal port only, bearer token): incident timelines with raw alert text, incident updates,
/// and maintenance windows.
/// </summary>
internal static class OperatorApi
{
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan OperatorHistory = TimeSpan.FromDays(90);
    private static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app, string? token)
    {
        var group = app.MapGroup("/internal").WithTags("Operators")
            .AddEndpointFilter(new AdminToken(token))
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.RequestServices.GetRequiredService<History.HistoryStore>().IsReady
                    ? await next(context)
                    : StatusError.Unavailable("the status database is not ready yet; retry"));
        group.MapGet("/incidents", ListIncidents).WithName("OperatorIncidents");
        group.MapGet("/incidents/{id:int}", ShowIncident).WithName("OperatorIncident");
        group.MapPost("/incidents/{id:int}/updates", AddUpdate).WithName("AddIncidentUpdate");
        group.MapGet("/maintenance", ListMaintenance).WithName("OperatorMaintenance");
        group.MapPost("/maintenance", Schedule).WithName("ScheduleMaintenance");
        group.MapDelete("/maintenance/{id:int}", Cancel).WithName("CancelMaintenance");
        return app;
    }

    private static async Task<IResult> ListIncidents(IncidentStore incidents, TimeProvider clock, CancellationToken cancellationToken)
    {
        var list = await incidents.ReadRecentAsync(clock.GetUtcNow() - OperatorHistory, cancellationToken);
        return Results.Ok(list.Select(ToOperator).ToList());
    }

    private static async Task<IResult> AddUpdate(int id, HttpRequest request, IncidentStore incidents, StatusBoard board, CancellationToken cancellationToken)
    {
        var (body, error) = await StatusError.ReadJsonAsync<IncidentUpdateRequest>(request, cancellationToken);
        if (error is not null) return error;
        var message = body!.Message?.Trim() ?? "";
        if (message.Length is 0 or > 2000) return StatusError.BadRequest("message must be 1-2000 characters");
        var kind = body.Acknowledge ?? false ? IncidentUpdate.Acknowledged : IncidentUpdate.Update;
        var (incident, full) = await incidents.AddUpdateAsync(id, kind, message, body.Resolve ?? false, cancellationToken);
        if (incident is null) return StatusError.NotFound("no such incident");
        if (full) return StatusError.Of(StatusCodes.Status409Conflict, $"the incident has {IncidentUpdate.MaxPerIncident} updates, the most it keeps; only resolving it is still recorded");
        await board.RefreshAsync(reloadStored: true, cancellationToken);
        return Results.Json(ToOperator(incident), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListMaintenance(MaintenanceStore maintenance, MaintenanceSilences silences, TimeProvider clock, CancellationToken cancellationToken) =>
        Results.Ok((await maintenance.ReadAllAsync(cancellationToken)).Select(w => ToOperator(w, silences, clock.GetUtcNow())).ToList());

    private static async Task<IResult> Schedule(
        HttpRequest request, MaintenanceStore maintenance, MaintenanceSilences silences, StatusBoard board, PublicText publicText, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, error) = await StatusError.ReadJsonAsync<MaintenanceRequest>(request, cancellationToken);
        if (error is not null) return error;
        var now = clock.GetUtcNow();
        // The title is shown on the public page.
        var title = publicText.Scrub(body!.Title, 200);
        var components = (body.Components ?? []).Select(c => c?.Trim().ToLowerInvariant() ?? "").Distinct().ToArray();
        var startsAt = (body.StartsAt ?? now).ToUniversalTime();
        var problems = new List<string>();
        if (title.Length is 0 or > 200) problems.Add("title must be 1-200 characters");
        if (components.Length == 0) problems.Add("components must name at least one component");
        // The catalog is small: a longer list can only repeat or invent names, and is not echoed back at length.
        var unknown = components.Where(c => c != MaintenanceWindow.Everything && Catalog.Find(c) is null).Take(5).Select(c => StoredText.Line(c, 32)).ToList();
        if (unknown.Count > 0)
            problems.Add($"unknown components: {string.Join(", ", unknown)} (use {string.Join(", ", Catalog.All.Select(c => c.Key))} or all)");
        if (startsAt < now - LongestWindow || startsAt > now + MaxLeadTime) problems.Add($"starts_at must be within {MaxLeadTime.TotalDays:0} days from now");
        if (body.EndsAt is not { } end) problems.Add("ends_at is required (RFC 3339)");
        else if (end <= startsAt || end <= now) problems.Add("ends_at must be after starts_at and in the future");
        else if (end - startsAt > LongestWindow) problems.Add($"a window lasts at most {LongestWindow.TotalDays:0} days");
        if (problems.Count > 0) return StatusError.BadRequest(string.Join("; ", problems));
        var window = await maintenance.ScheduleAsync(title, components, startsAt, body.EndsAt!.Value.ToUniversalTime(), cancellationToken);
        // Silenced before the answer when Alertmanager is there; otherwise the answer says it is pending and the background pass retries.
        await silences.ReconcileAsync(cancellationToken);
        await board.RefreshAsync(reloadStored: true, cancellationToken);
        return Results.Json(ToOperator(window, silences, now), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Cancel(int id, MaintenanceStore maintenance, MaintenanceSilences silences, StatusBoard board, CancellationToken cancellationToken)
    {
        if (!await maintenance.CancelAsync(id, cancellationToken)) return StatusError.NotFound("no such maintenance window");
        await silences.ReconcileAsync(cancellationToken);
        await board.RefreshAsync(reloadStored: true, cancellationToken);
        return Results.NoContent();
    }

    /// <summary>JSON for machines; an HTML page for a browser that asks for one (the operator's evidence view).</summary>
    private static async Task<IResult> ShowIncident(int id, HttpRequest request, IncidentStore incidents, CancellationToken cancellationToken)
    {
        if (await incidents.ReadAsync(id, cancellationToken) is not { } incident) return StatusError.NotFound("no such incident");
        var operatorView = ToOperator(incident);
        return request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? new RazorComponentResult<IncidentEvidencePage>(new { Incident = operatorView })
            : Results.Ok(operatorView);
    }

    private static OperatorIncident ToOperator(Incident i) => new(
        i.Id, i.AlertName, i.Component, i.ComponentLabel, i.Severity, i.Title, i.Description, i.Fingerprint, i.StartedAt, i.ResolvedAt,
        LabelMap(i.Labels), i.RunbookUrl, i.GeneratorUrl, i.RequestIds,
        i.Updates.OrderBy(u => u.At).Select(u => new OperatorUpdate(u.At, u.Kind, u.Message, u.Author)).ToList());

    private static Dictionary<string, string> LabelMap(IEnumerable<string> labels) =>
        labels.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).DistinctBy(p => p[0]).ToDictionary(p => p[0], p => p[1]);

    private static OperatorMaintenance ToOperator(MaintenanceWindow w, MaintenanceSilences silences, DateTimeOffset now) =>
        new(w.Id, w.Title, w.Components, w.StartsAt, w.EndsAt, w.CreatedAt, w.CancelledAt,
            w.CancelledAt is null && w.EndsAt > now && silences.StateOf(w) is { } s ? new OperatorSilence(s.Matchers, s.SilenceId, s.Problem, s.FailingSince) : null);
}
