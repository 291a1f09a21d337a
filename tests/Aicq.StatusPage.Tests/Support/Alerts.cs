namespace Aicq.StatusPage.Tests.Support;

/// <summary>Alertmanager webhook deliveries (version 4), as Alertmanager sends them.</summary>
public static class Alerts
{
    public static JsonObject Alert(
        string status, string alertName, string component, string fingerprint, DateTimeOffset startsAt,
        string summary = "Something is wrong", string description = "Details for on-call", string severity = "critical",
        DateTimeOffset? endsAt = null) => new()
    {
        ["status"] = status,
        ["labels"] = new JsonObject { ["alertname"] = alertName, ["component"] = component, ["severity"] = severity, ["instance"] = "127.0.0.1:5080" },
        ["annotations"] = new JsonObject { ["summary"] = summary, ["description"] = description, ["runbook_url"] = "docs/runbook.md#x" },
        ["startsAt"] = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'01Z'"),
        ["endsAt"] = (endsAt ?? DateTimeOffset.MinValue).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
        ["generatorURL"] = "http://prometheus:9090/graph?g0.expr=up",
        ["fingerprint"] = fingerprint,
    };

    public static JsonObject Delivery(string status, params JsonObject[] alerts) => new()
    {
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"x\"}",
        ["truncatedAlerts"] = 0,
        ["status"] = status,
        ["receiver"] = "status-page",
        ["groupLabels"] = new JsonObject(),
        ["commonLabels"] = new JsonObject(),
        ["commonAnnotations"] = new JsonObject(),
        ["externalURL"] = "http://alertmanager:9093",
        ["alerts"] = new JsonArray(alerts),
    };

    /// <summary>Delivers as Alertmanager does: to the internal port, with the webhook token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(StatusPageProcess page, JsonObject delivery)
    {
        using var client = page.WebhookClient();
        return await client.PostAsJsonAsync("/internal/alerts", delivery);
    }
}
