using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Aicq.Testing;

/// <summary>
/// A built AICQ service running as a real child process (<c>dotnet X.dll</c>), so tests see exactly what
/// production sees: environment-variable configuration, the real ports, signals, logs and exit codes.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly string _pidFile;

    private ServiceProcess(Process process, string name)
    {
        _process = process;
        _pidFile = TestState.WritePidFile(TestState.Root, $"{name}-{process.Id}", process.Id);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Every stdout and stderr line so far, in arrival order (a snapshot; safe to call while it runs).</summary>
    public IReadOnlyList<string> Output
    {
        get { lock (_output) return _output.ToArray(); }
    }

    /// <summary>
    /// Starts <c>dotnet &lt;dllPath&gt; args</c> in the DLL's folder. The child inherits this process's
    /// environment with <paramref name="environment"/> applied on top; a null value removes a variable.
    /// </summary>
    public static ServiceProcess Start(string dllPath, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dllPath)),
        };
        info.ArgumentList.Add(dllPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        var service = new ServiceProcess(process, Path.GetFileNameWithoutExtension(dllPath));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; fails early, with the output, if the process exits.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before {url} answered 200");
            try
            {
                using var response = await http.GetAsync(url);
                if ((int)response.StatusCode == 200) return;
                last = $"status {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw Failure($"{url} did not answer 200 within {timeout.TotalSeconds:0.#} s (last: {last})");
    }

    /// <summary>Waits until a line of output matches, e.g. a named log event; returns that line.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) break;
            await Task.Delay(50);
        }
        return Output.FirstOrDefault(match) ?? throw Failure($"no matching output line within {timeout.TotalSeconds:0.#} s");
    }

    /// <summary>Sends a signal such as SIGTERM or SIGINT, as a platform does on shutdown or Ctrl-C.</summary>
    public Task SendSignalAsync(PosixSignal signal)
    {
        if (!_process.HasExited) Posix.Signal(_process.Id, Posix.Number(signal));
        return Task.CompletedTask;
    }

    /// <summary>Waits for the process to exit and returns its exit code; throws with the output on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw Failure($"still running after {timeout.TotalSeconds:0.#} s");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        File.Delete(_pidFile);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private InvalidOperationException Failure(string what)
    {
        var tail = Output.TakeLast(40);
        return new InvalidOperationException($"{Path.GetFileName(_process.StartInfo.ArgumentList[0])} (pid {_process.Id}) {what}. Last output:\n{string.Join('\n', tail)}");
    }

    /// <summary>The dotnet host running the tests, so the service uses the same runtime; else dotnet from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
