using System.Net.Http.Json;

namespace Aicq.Monitoring.Tests.Alertmanager;

/// <summary>
/// Inhibition cannot be checked offline (amtool only tests routes), so these post alerts to a real
/// Alertmanager and read back which ones it marks as inhibited. Each case uses its own `env` so
/// cases cannot influence each other.
/// </summary>
public sealed class InhibitionTests(AlertmanagerFixture alertmanager) : IClassFixture<AlertmanagerFixture>
{
    [Theory]
    [InlineData("RedisDown", "AicqApiHigh5xxRatio")]
    [InlineData("RedisDown", "AicqApiHighLatency")]
    [InlineData("RedisDown", "AicqSloErrorBudgetBurnFast")]
    [InlineData("RedisDown", "CanaryFailing")]
    [InlineData("PostgresDown", "AicqSloErrorBudgetBurnSlow")]
    [InlineData("PostgresDown", "AicqEdgeProbeFailing")]
    [InlineData("PostgresDown", "CanaryFailing")]
    [InlineData("AicqEdgeDown", "AicqEdgeProbeFailing")]
    [InlineData("AicqEdgeDown", "CanaryFailing")]
    public async Task Cause_InhibitsItsSymptom(string cause, string symptom)
    {
        var env = NewEnv();
        await Post(Alert(cause, env), Alert(symptom, env));

        await WaitUntilInhibited(symptom, env);
    }

    [Theory]
    // The API's own health check confirms the outage and must still page (fire drill).
    [InlineData("RedisDown", "AicqApiHealthCheckFailing", "AicqApiHigh5xxRatio")]
    [InlineData("PostgresDown", "AicqApiHealthCheckFailing", "AicqApiHigh5xxRatio")]
    // A cause never hides another cause.
    [InlineData("RedisDown", "PostgresDown", "AicqApiHigh5xxRatio")]
    [InlineData("AicqEdgeDown", "AicqApiHigh5xxRatio", "AicqEdgeProbeFailing")]
    public async Task Cause_LeavesUnrelatedAlertsAlone(string cause, string other, string control)
    {
        var env = NewEnv();
        await Post(Alert(cause, env), Alert(other, env), Alert(control, env));

        // Once the control is inhibited the inhibitor has seen the cause, so a negative is meaningful.
        await WaitUntilInhibited(control, env);
        Assert.False(await IsInhibited(other, env), $"{cause} must not inhibit {other}.");
    }

    [Fact]
    public async Task Cause_InAnotherAppliance_InhibitsNothingHere()
    {
        var here = NewEnv();
        var elsewhere = NewEnv();
        await Post(Alert("RedisDown", elsewhere), Alert("AicqApiHigh5xxRatio", elsewhere), Alert("AicqApiHigh5xxRatio", here));

        await WaitUntilInhibited("AicqApiHigh5xxRatio", elsewhere);
        Assert.False(await IsInhibited("AicqApiHigh5xxRatio", here));
    }

    private static string NewEnv() => $"test-{Guid.NewGuid():N}";

    private static Dictionary<string, object> Alert(string name, string env)
    {
        var rule = AlertRules.All.Single(a => a.Name == name);
        return new Dictionary<string, object>
        {
            ["labels"] = new Dictionary<string, string>
            {
                ["alertname"] = name,
                ["severity"] = rule.Labels["severity"],
                ["component"] = rule.Labels["component"],
                ["env"] = env,
            },
            ["startsAt"] = DateTime.UtcNow.AddMinutes(-1),
            ["endsAt"] = DateTime.UtcNow.AddHours(1),
        };
    }

    private async Task Post(params Dictionary<string, object>[] alerts)
    {
        var response = await alertmanager.Http.PostAsJsonAsync("api/v2/alerts", alerts);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task WaitUntilInhibited(string name, string env)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await IsInhibited(name, env))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} in {env} was not inhibited within 15 s.");
            await Task.Delay(100);
        }
    }

    private async Task<bool> IsInhibited(string name, string env)
    {
        var filter = Uri.EscapeDataString($"alertname=\"{name}\"") + "&filter=" + Uri.EscapeDataString($"env=\"{env}\"");
        using var document = JsonDocument.Parse(await alertmanager.Http.GetStringAsync($"api/v2/alerts?filter={filter}"));
        var alert = Assert.Single(document.RootElement.EnumerateArray());
        return alert.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength() > 0;
    }
}
