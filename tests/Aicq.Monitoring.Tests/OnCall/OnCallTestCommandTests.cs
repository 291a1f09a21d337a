namespace Aicq.Monitoring.Tests.OnCall;

/// <summary>
/// <c>./aicq oncall test</c> against a real Alertmanager and a real webhook receiver on loopback: the verdict is
/// Alertmanager's own, read from its log, and each run is bounded by the route timings it reads from Alertmanager.
/// </summary>
public sealed class OnCallTestCommandTests
{
    private const string TestAlert = "AicqOnCallTest";

    [Fact]
    public async Task OnCallTest_WithTheReceiverUp_ExitsZero_AndTheReceiverGotThePage()
    {
        await using var receiver = new AlertReceiver();
        await receiver.StartAsync();
        await using var alertmanager = await OnCallAlertmanager.StartAsync(receiver.BaseUrl + AlertReceiver.OnCallPath);
        var since = DateTimeOffset.UtcNow;

        var result = alertmanager.RunOnCallTest();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("delivered", result.Stdout);
        var page = receiver.Alerts(AlertReceiver.OnCallPath, since).Select(x => x.Alert).First(a => a.Name == TestAlert);
        Assert.Equal(("firing", "critical"), (page.Status, page.Labels["severity"]));
        Assert.DoesNotContain("component", page.Labels.Keys);
    }

    [Fact]
    public async Task OnCallTest_WithTheReceiverDown_ExitsNonZero_NamingWhy()
    {
        string downUrl;
        await using (var gone = new AlertReceiver())
        {
            await gone.StartAsync();
            downUrl = gone.BaseUrl + AlertReceiver.OnCallPath;
        }
        await using var alertmanager = await OnCallAlertmanager.StartAsync(downUrl);

        var result = alertmanager.RunOnCallTest();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains("not delivered", result.Stderr);
        Assert.Contains("pager/webhook[0]", result.Stderr);
        Assert.Contains("connection refused", result.Stderr);
    }

    [Theory]
    [InlineData("oncall", "Usage: ./aicq oncall")]
    [InlineData("alerts", "Usage: ./aicq alerts")]
    public void Command_HasHelp(string command, string usage)
    {
        var result = Tool.RunExecutable("/bin/bash", [Repo.PathOf("aicq"), command, "--help"]).AssertSuccess();
        Assert.StartsWith(usage, result.Stdout);
    }

    [Fact]
    public async Task OnCallTest_WithoutAnOnCallReceiver_ExitsNonZero_SayingNobodyIsPaged()
    {
        await using var alertmanager = await OnCallAlertmanager.StartAsync(onCallUrl: null);

        var result = alertmanager.RunOnCallTest();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains("nobody would be paged", result.Stderr);
    }
}
