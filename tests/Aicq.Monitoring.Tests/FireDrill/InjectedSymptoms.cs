using System.Net.Http.Json;

namespace Aicq.Monitoring.Tests.FireDrill;

/// <summary>
/// The API symptom alerts a dead dependency causes. Their rules need 5-10 minutes of sustained errors or
/// latency (<c>for:</c>) before Prometheus fires them, longer than a drill can wait, and the production
/// rules are not bent for a test. So the drill posts them to Alertmanager the way Prometheus does: the
/// rule's own labels plus the <c>env</c> external label, and a future <c>endsAt</c> (Prometheus re-sends
/// a firing alert with one). Alertmanager then decides, with the committed inhibition rules.
/// </summary>
internal sealed class InjectedSymptoms(MonitoringStack monitoring)
{
    public static readonly string[] Names = ["AicqApiHigh5xxRatio", "AicqApiHighLatency", "AicqSloErrorBudgetBurnFast", "AicqSloErrorBudgetBurnSlow"];

    public Task FireAsync() => PostAsync(DateTimeOffset.UtcNow.AddMinutes(10));

    public Task ResolveAsync() => PostAsync(DateTimeOffset.UtcNow.AddSeconds(-1));

    /// <summary>Waits until Alertmanager holds every symptom as suppressed by an inhibiting alert.</summary>
    public async Task WaitUntilInhibitedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var states = "";
        while (DateTime.UtcNow < deadline)
        {
            using var document = JsonDocument.Parse(await monitoring.Alertmanager.GetStringAsync("api/v2/alerts"));
            var symptoms = document.RootElement.EnumerateArray()
                .Where(a => Names.Contains(a.GetProperty("labels").GetProperty("alertname").GetString()))
                .ToDictionary(a => a.GetProperty("labels").GetProperty("alertname").GetString()!, a => a.GetProperty("status"));
            states = string.Join(", ", symptoms.Select(s => $"{s.Key}:{s.Value.GetProperty("state").GetString()}"));
            if (symptoms.Count == Names.Length && symptoms.Values.All(s =>
                    s.GetProperty("state").GetString() == "suppressed" && s.GetProperty("inhibitedBy").GetArrayLength() > 0))
                return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Alertmanager did not inhibit every API symptom within {timeout.TotalSeconds:0} s: [{states}].");
    }

    private async Task PostAsync(DateTimeOffset endsAt)
    {
        var rules = AlertRules.All.ToDictionary(r => r.Name);
        var alerts = Names.Select(name => new
        {
            labels = new Dictionary<string, string>(rules[name].Labels) { ["alertname"] = name, ["env"] = monitoring.Env },
            annotations = new Dictionary<string, string> { ["summary"] = "fire drill: injected symptom" },
            startsAt = DateTimeOffset.UtcNow.AddSeconds(-30),
            endsAt,
        });
        using var response = await monitoring.Alertmanager.PostAsJsonAsync("api/v2/alerts", alerts);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
