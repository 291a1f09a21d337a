using Aicq.StatusPage.Http;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// <c>POST /internal/alerts</c> (internal port only, bearer token): Alertmanager's webhook. Firing alerts with a <c>component</c>
/// label open incidents, resolved ones close them; the Watchdog is recorded as the alert-delivery heartbeat.
/// Answers 503 until the database is ready, so Alertmanager retries instead of losing the notification.
/// </summary>
internal static class AlertWebhookApi
{
    private const int MaxAlerts = 1000;

    public static IEndpointRouteBuilder MapAlertWebhook(this IEndpointRouteBuilder app, string token)
    {
        app.MapPost("/internal/alerts", Receive).WithName("AlertmanagerWebhook").WithTags("Internal").AddEndpointFilter(new WebhookToken(token));
        return app;
    }

    private static async Task<IResult> Receive(HttpRequest request, IncidentStore incidents, History.HistoryStore history, StatusBoard board, CancellationToken cancellationToken)
    {
        var (payload, error) = await StatusError.ReadJsonAsync<AlertmanagerPayload>(request, cancellationToken);
        if (error is not null) return error;
        if (payload!.Version is not (null or "4")) return StatusError.BadRequest($"unsupported webhook version '{payload.Version}' (expected 4)");
        var alerts = payload.Alerts ?? [];
        if (alerts.Count > MaxAlerts) return StatusError.BadRequest($"at most {MaxAlerts} alerts per delivery");
        if (alerts.Any(a => a is null)) return StatusError.BadRequest("every alert must be a JSON object");
        if (alerts.Any(a => a.IsHeartbeat)) board.RecordHeartbeat();
        if (!alerts.Any(a => !a.IsHeartbeat))
        {
            await board.RefreshAsync(reloadStored: false, cancellationToken);
            return Results.Ok(new WebhookResult(0, 0, alerts.Count));
        }
        if (!history.IsReady) return StatusError.Unavailable("the status database is not ready yet; retry");
        var result = await incidents.ApplyAsync(alerts, cancellationToken);
        await board.RefreshAsync(reloadStored: true, cancellationToken);
        return Results.Ok(result);
    }
}
