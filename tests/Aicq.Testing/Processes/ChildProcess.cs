using System.Collections.Concurrent;

namespace Aicq.Testing;

/// <summary>
/// Any program as a child process of the tests: a built AICQ service, a Debian server or tool, a proxy. It gets the
/// test's environment with an overlay, optionally one core (<c>taskset</c>); its output is kept (and logged to a file
/// if asked); a pidfile under <see cref="TestState.Root"/> lets an interrupted run's cleanup find it, and the whole
/// process tree is killed on dispose or, at the latest, when the test process exits.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int LinesKeptWithLogFile = 1000;
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly string _pidFile;
    private readonly Queue<string> _output = new();
    private readonly StreamWriter? _log;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { /* already gone */ }
            }
        };
    }

    private ChildProcess(Process process, string name, StreamWriter? log, string? logFile)
    {
        _process = process;
        _log = log;
        Name = name;
        LogFile = logFile;
        _pidFile = TestState.WritePidFile(TestState.Root, $"{name}-{process.Id}", process.Id);
        Running[process.Id] = process;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string? LogFile { get; }

    /// <summary>The stdout and stderr lines so far, in arrival order (a snapshot; safe while it runs).</summary>
    public IReadOnlyList<string> Output
    {
        get { lock (_output) return _output.ToArray(); }
    }

    /// <summary>The dotnet host running the tests, so a service uses the same runtime; else dotnet from PATH.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    public static ChildProcess Start(string program, IEnumerable<string> args, ChildProcessOptions? options = null)
    {
        options ??= new ChildProcessOptions();
        var info = new ProcessStartInfo(options.Core is null ? program : "taskset")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        if (options.Core is { } core)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(core.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(program);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (variable, value) in options.Environment)
        {
            if (value is null) info.Environment.Remove(variable);
            else info.Environment[variable] = value;
        }
        StreamWriter? log = null;
        if (options.LogFile is { } logFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            log = new StreamWriter(logFile) { AutoFlush = true };
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        var child = new ChildProcess(process, options.Name ?? Path.GetFileName(program), log, options.LogFile);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers as <paramref name="answered"/> wants (any 2xx when null); fails
    /// early, with the output, if the process exits.
    /// </summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout, Func<HttpStatusCode, bool>? answered = null,
        HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        answered ??= status => (int)status is >= 200 and < 300;
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before {url} answered");
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (answered(response.StatusCode)) return;
                last = $"status {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }
            await Task.Delay(100, cancellationToken);
        }
        throw Failure($"{url} did not answer within {timeout.TotalSeconds:0.#} s (last: {last})");
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
    public void Signal(PosixSignal signal)
    {
        if (!_process.HasExited) Posix.Signal(_process.Id, Posix.Number(signal));
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

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 30) => string.Join('\n', Output.TakeLast(lines));

    /// <summary>An exception naming the process and what went wrong, with the last lines of its output.</summary>
    public InvalidOperationException Failure(string what) =>
        new($"{Name} (pid {_process.Id}) {what}. Last output{(LogFile is null ? "" : $" (all of it in {LogFile})")}:\n{Tail(40)}");

    /// <summary>Kills the whole process tree (a shell's children too) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        lock (_output) _log?.Dispose();
        File.Delete(_pidFile);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_log is null) return;
            if (_log.BaseStream.CanWrite) _log.WriteLine(line);
            if (_output.Count > LinesKeptWithLogFile) _output.Dequeue();
        }
    }
}
