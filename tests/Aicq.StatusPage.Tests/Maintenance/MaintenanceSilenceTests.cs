namespace Aicq.StatusPage.Tests.Maintenance;

/// <summary>Maintenance windows silence their components' alerts in the real Alertmanager, and cancelling lifts the silence.</summary>
public sealed class MaintenanceSilenceTests
{
    [Fact]
    public async Task AlertDuringWindow_IsSilenced_SurvivesRestartWithoutDuplicate_AndPagesAfterCancel()
    {
        await using var stack = await SilencingStack.StartAsync();
        var id = await ScheduleAsync(stack.Page, "Alertmanager upgrade", "alertmanager", DateTimeOffset.UtcNow.AddMinutes(30));
        var silence = Assert.Single(await stack.SilencesOfAsync(id));
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("Alertmanager upgrade", silence.GetProperty("comment").GetString());
        var silenceId = silence.GetProperty("id").GetString()!;

        var silenced = "AlertmanagerFailing" + Guid.NewGuid().ToString("N")[..8];
        var control = "ApiFailing" + Guid.NewGuid().ToString("N")[..8];
        await stack.FireAsync(silenced, "alertmanager", "Alertmanager cannot send notifications");
        await stack.FireAsync(control, "api", "The API fails");

        // The control alert, fired at the same moment outside the window, proves deliveries happened meanwhile.
        await Poll.UntilAsync("the control alert's incident", async () => (await stack.IncidentsOfAsync(control)).Count > 0 ? true : (bool?)null);
        var state = await Poll.UntilAsync("Alertmanager to suppress the alert", () => stack.AlertStateAsync(silenced));
        Assert.Equal(("suppressed", silenceId), (state.State, Assert.Single(state.SilencedBy)));
        Assert.Empty(await stack.IncidentsOfAsync(silenced));
        using (var status = JsonDocument.Parse(await stack.Page.PublicClient().GetStringAsync("/api/status")))
        {
            var component = status.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "alertmanager");
            Assert.Equal("maintenance", component.GetProperty("state").GetString());
        }

        // A restart finds the silence it made instead of adding another.
        await stack.RestartPageAsync();
        var window = await Poll.UntilAsync("the restarted page to report the silence", async () =>
            (await OperatorWindowAsync(stack.Page, id)) is { } w && w.GetProperty("silence").GetProperty("silence_id").GetString() is not null ? w : (JsonElement?)null);
        Assert.Equal(silenceId, window.GetProperty("silence").GetProperty("silence_id").GetString());
        Assert.Equal("component=~\"alertmanager\", alertname!=\"Watchdog\"", window.GetProperty("silence").GetProperty("matchers").GetString());
        Assert.Single(await stack.SilencesOfAsync(id), s => s.GetProperty("status").GetProperty("state").GetString() != "expired");

        using var operators = stack.Page.InternalClient();
        Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"/internal/maintenance/{id}")).StatusCode);
        Assert.All(await stack.SilencesOfAsync(id), s => Assert.Equal("expired", s.GetProperty("status").GetProperty("state").GetString()));
        var incident = await Poll.UntilAsync("the alert's incident after the cancel", async () =>
            (await stack.IncidentsOfAsync(silenced)).Select(i => (JsonElement?)i).FirstOrDefault());
        Assert.Equal("alertmanager", incident.GetProperty("component").GetString());
    }

    [Fact]
    public async Task AlertmanagerAway_SilenceIsPendingAndVisible_ThenCreatedWhenItAnswers()
    {
        await using var stack = await SilencingStack.StartAsync();
        await stack.Alertmanager.StopAsync();
        var id = await ScheduleAsync(stack.Page, "Cache upgrade", "redis", DateTimeOffset.UtcNow.AddMinutes(30));
        var pending = await OperatorWindowAsync(stack.Page, id);
        Assert.Null(pending!.Value.GetProperty("silence").GetProperty("silence_id").GetString());
        Assert.StartsWith("Alertmanager could not be reached", pending.Value.GetProperty("silence").GetProperty("problem").GetString());
        using (var metrics = stack.Page.InternalClient())
            Assert.Contains("aicq_status_maintenance_silences_in_sync 0", await metrics.GetStringAsync("/metrics"));

        await stack.Alertmanager.StartAgainAsync();
        var window = await Poll.UntilAsync("the silence to be created on a later pass", async () =>
            (await OperatorWindowAsync(stack.Page, id)) is { } w && w.GetProperty("silence").GetProperty("silence_id").GetString() is not null ? w : (JsonElement?)null);
        Assert.Equal(JsonValueKind.Null, window.GetProperty("silence").GetProperty("problem").ValueKind);
        Assert.Single(await stack.SilencesOfAsync(id));
    }

    internal static async Task<int> ScheduleAsync(StatusPageProcess page, string title, string component, DateTimeOffset endsAt)
    {
        using var operators = page.InternalClient();
        using var scheduled = await operators.PostAsJsonAsync("/internal/maintenance", new { title, components = new[] { component }, ends_at = endsAt });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        return (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement?> OperatorWindowAsync(StatusPageProcess page, int id)
    {
        using var operators = page.InternalClient();
        var windows = await operators.GetFromJsonAsync<JsonElement>("/internal/maintenance");
        return windows.EnumerateArray().Where(w => w.GetProperty("id").GetInt32() == id).Select(w => (JsonElement?)w).FirstOrDefault();
    }
}
