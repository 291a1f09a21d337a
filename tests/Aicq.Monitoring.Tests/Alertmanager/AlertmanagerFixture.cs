using System.Net.Sockets;

namespace Aicq.Monitoring.Tests.Alertmanager;

/// <summary>
/// A real Alertmanager on a free loopback port, running the local variant of our configuration.
/// Notifications are held back (1 h group_wait) and every webhook points at a closed port, so the
/// test never reaches a running appliance's status page or on-call receiver.
/// </summary>
public sealed class AlertmanagerFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Process? _process;

    public HttpClient Http { get; } = new() { Timeout = TestTimeouts.Request };

    public async Task InitializeAsync()
    {
        var closed = $"http://127.0.0.1:{FreePort()}";
        var map = _dir.File("isolate.map");
        await File.WriteAllTextAsync(map, $"http://127.0.0.1:9094/ => {closed}/\n");
        var config = Renderer.RenderAlertmanager(_dir, "local",
            "--oncall-url", $"{closed}/oncall", "--heartbeat-url", $"{closed}/heartbeat",
            "--secrets-dir", _dir.File("secrets"), "--group-wait", "1h", "--map", map);

        var port = FreePort();
        var start = new ProcessStartInfo(Tool.Locate(Tool.Alertmanager))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}", $"--storage.path={_dir.File("data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
                 })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Alertmanager did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode} at start.");
            try
            {
                if ((await Http.GetAsync("-/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Alertmanager did not become ready within 20 s.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        Http.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
