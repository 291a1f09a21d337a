using System.Collections.Concurrent;
using System.Diagnostics;
using Aicq.Testing;

namespace Aicq.Monitoring.Tests.Support;

/// <summary>
/// A Debian monitoring binary (Prometheus, Alertmanager, an exporter) as a child process on loopback,
/// recorded by a pidfile under <see cref="TestState.Root"/> like every test server, so that
/// <c>./aicq test</c> kills it after an interruption. Aicq.Testing's own sweep only kills PostgreSQL,
/// Redis and dotnet processes, so these are also killed when the test process exits.
/// </summary>
internal sealed class NativeProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly string _pidFile;
    private readonly List<string> _output = [];
    private string? _logFile;

    static NativeProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try { process.Kill(); }
                catch (InvalidOperationException) { /* already gone */ }
            }
        };
    }

    private NativeProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _pidFile = TestState.WritePidFile(TestState.Root, $"{name}-{process.Id}", process.Id);
        Running[process.Id] = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="tool"/> with <paramref name="args"/>; <paramref name="environment"/> is added to ours. With
    /// <paramref name="logFile"/>, every output line is also appended there, as the launcher's log would be.
    /// </summary>
    public static NativeProcess Start(ToolSpec tool, string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? logFile = null)
    {
        var info = new ProcessStartInfo(Tool.Locate(tool))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool.Name} did not start.");
        var native = new NativeProcess(process, Path.GetFileName(info.FileName)) { _logFile = logFile };
        process.OutputDataReceived += (_, e) => native.Append(e.Data);
        process.ErrorDataReceived += (_, e) => native.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return native;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx; fails early, with the output, if the process exits.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before {url} answered");
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
                last = $"status {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw Failure($"{url} did not answer within {timeout.TotalSeconds:0} s (last: {last})");
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        lock (_output) return string.Join('\n', _output.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        File.Delete(_pidFile);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (_logFile is not null) File.AppendAllText(_logFile, line + "\n");
        }
    }

    private InvalidOperationException Failure(string what) =>
        new($"{Name} (pid {_process.Id}) {what}. Last output:\n{Tail()}");
}
