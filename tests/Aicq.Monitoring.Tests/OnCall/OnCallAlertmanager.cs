namespace Aicq.Monitoring.Tests.OnCall;

/// <summary>
/// A real Alertmanager with the committed configuration rendered as the launcher does (local variant, no
/// PagerDuty key, so the on-call webhook is the pager's only possible integration), on a free port, logging at
/// debug level into <see cref="LogFile"/> as <c>./aicq up</c> runs it. The status page and heartbeat webhooks point
/// at a closed port, so nothing reaches a running appliance.
/// </summary>
internal sealed class OnCallAlertmanager : IAsyncDisposable
{
    /// <summary>Fire-drill timings: a new group is sent after 1 s, an attempt is given up after Alertmanager's 10 s minimum.</summary>
    private static readonly string[] Timings = ["--group-wait", "1s", "--group-interval", "2s", "--repeat-interval", "5s"];

    private readonly string _directory = TestState.NewDirectory("oncall-alertmanager");
    private ChildProcess? _process;

    public string Url { get; private set; } = "";

    public string LogFile => Path.Combine(_directory, "alertmanager.log");

    /// <summary>Starts it paging <paramref name="onCallUrl"/>, or nobody when null.</summary>
    public static async Task<OnCallAlertmanager> StartAsync(string? onCallUrl)
    {
        var alertmanager = new OnCallAlertmanager();
        var config = await alertmanager.RenderAsync(onCallUrl);
        var port = FreePort.Next();
        alertmanager.Url = $"http://127.0.0.1:{port}";
        alertmanager._process = ChildProcess.Start(Tool.Locate(Tool.Alertmanager),
            [$"--config.file={config}", $"--storage.path={Path.Combine(alertmanager._directory, "data")}",
             $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug"],
            new ChildProcessOptions { WorkingDirectory = alertmanager._directory, LogFile = alertmanager.LogFile });
        await alertmanager._process.WaitForHttpAsync($"{alertmanager.Url}/-/ready", TimeSpan.FromSeconds(30));
        return alertmanager;
    }

    /// <summary>Re-renders with <paramref name="onCallUrl"/> and makes Alertmanager load it, as a second <c>./aicq up</c> does.</summary>
    public async Task ReloadAsync(string? onCallUrl)
    {
        await RenderAsync(onCallUrl);
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        using var response = await http.PostAsync($"{Url}/-/reload", null);
        Assert.True(response.IsSuccessStatusCode, $"Alertmanager refused the reload: {(int)response.StatusCode}\n{_process!.Tail()}");
    }

    /// <summary>Runs <c>./aicq oncall test</c> against this Alertmanager and its log.</summary>
    public ToolResult RunOnCallTest() =>
        Tool.RunExecutable("/bin/bash", [Repo.PathOf("aicq"), "oncall", "test", "--alertmanager-url", Url, "--log", LogFile]);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    private async Task<string> RenderAsync(string? onCallUrl)
    {
        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        var map = Path.Combine(_directory, "isolate.map");
        await File.WriteAllTextAsync(map, $"http://127.0.0.1:9094/ => {closed}/\n");
        string[] onCall = onCallUrl is null ? [] : ["--oncall-url", onCallUrl];
        return Renderer.RenderAlertmanager(Path.Combine(_directory, "config"), "local",
            [.. onCall, "--heartbeat-url", $"{closed}/heartbeat", "--secrets-dir", Path.Combine(_directory, "secrets"), .. Timings, "--map", map]);
    }
}
