namespace Aicq.StatusPage.Tests.Settings;

/// <summary>A wrong configuration stops the real process at start, naming every bad setting at once.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Production_WithoutAdminToken_RefusesToStart_AndNamesEveryProblem()
    {
        await using var process = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.StatusPage"), new Dictionary<string, string?>
        {
            ["ENV"] = "production",
            ["STATUS_DATABASE_URL"] = null,
            ["STATUS_ADMIN_TOKEN"] = null,
            ["STATUS_WEBHOOK_TOKEN"] = null,
            ["STATUS_PORT"] = "9094",
            ["STATUS_INTERNAL_PORT"] = "9094",
            ["STATUS_API_URLS"] = "ftp://example",
        });
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = string.Join('\n', process.Output);
        foreach (var setting in new[] { "STATUS_ADMIN_TOKEN is required in production", "STATUS_WEBHOOK_TOKEN is required", "STATUS_DATABASE_URL is required", "STATUS_INTERNAL_PORT", "STATUS_API_URLS" })
            Assert.Contains(setting, output);
    }

    [Fact]
    public async Task CheckConfig_PrintsEffectiveSettings_WithSecretsMasked()
    {
        await using var process = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.StatusPage"), new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = "postgres://aicq:hunter2hunter2@db.internal:5432/aicq",
            ["STATUS_ADMIN_TOKEN"] = "a-very-long-operator-token-0123456789",
            ["STATUS_WEBHOOK_TOKEN"] = "a-very-long-webhook-token-0123456789",
        }, "--check-config");
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = string.Join('\n', process.Output);
        Assert.Contains("STATUS_PORT", output);
        Assert.Contains("8088", output);
        Assert.DoesNotContain("hunter2", output);
        Assert.DoesNotContain("a-very-long-operator-token", output);
        Assert.Contains("STATUS_WEBHOOK_TOKEN", output);
        Assert.DoesNotContain("a-very-long-webhook-token", output);
    }
}
