namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// Debian's real Alertmanager on a free loopback port, running the committed configuration as
/// <c>alertmanager/render.sh local</c> renders it for <c>./aicq up</c>, with the status page's webhooks pointed at
/// <paramref name="statusInternalUrl"/>, the token read from <paramref name="tokenFile"/>, every other receiver at a
/// closed port, and timings of seconds. Leaves a pidfile under <see cref="TestState.Root"/>.
/// </summary>
public sealed class RealAlertmanager : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;
    private Process _process;
    private string _pidFile;
    private bool _stopped;

    private RealAlertmanager(string directory, int port)
    {
        _directory = directory;
        _port = port;
        (_process, _pidFile) = Launch(directory, port);
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<RealAlertmanager> StartAsync(string statusInternalUrl, string tokenFile)
    {
        var directory = TestState.NewDirectory("alertmanager");
        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        var map = Path.Combine(directory, "status.map");
        await File.WriteAllTextAsync(map, $"http://127.0.0.1:9094/ => {statusInternalUrl}/\n");
        await RunAsync("/bin/bash", Path.Combine(RepoPaths.Root, "alertmanager", "render.sh"), "local", directory, "--map", map,
            "--status-token-file", tokenFile, "--oncall-url", $"{closed}/oncall", "--secrets-dir", Path.Combine(directory, "secrets"),
            "--group-wait", "1s", "--group-interval", "2s", "--repeat-interval", "5s");
        var alertmanager = new RealAlertmanager(directory, FreePort.Next());
        try
        {
            await alertmanager.WaitReadyAsync();
            return alertmanager;
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Alertmanager, keeping its port and data (silences included) for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        File.Delete(_pidFile);
    }

    public async Task StartAgainAsync()
    {
        (_process, _pidFile) = Launch(_directory, _port);
        _stopped = false;
        await WaitReadyAsync();
    }

    private static (Process, string) Launch(string directory, int port)
    {
        var info = new ProcessStartInfo("prometheus-alertmanager") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={Path.Combine(directory, "alertmanager.yml")}", $"--storage.path={Path.Combine(directory, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus-alertmanager did not start (apt-get install prometheus-alertmanager)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, TestState.WritePidFile(TestState.Root, $"alertmanager-{process.Id}", process.Id));
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode} at start");
            try
            {
                if ((await http.GetAsync($"{Url}/-/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException("Alertmanager was not ready within 30 s");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args.Take(2))} exited with {process.ExitCode}: {await output}{await error}");
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
