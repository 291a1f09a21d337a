using System.Diagnostics;
using System.Globalization;
using Aicq.Testing;

namespace Aicq.Bench.Hosting;

/// <summary>
/// The built API as a child process, started as <c>taskset -c N dotnet Aicq.Api.dll</c> so the runtime sees
/// one core from its first instruction (taskset execs dotnet, so the process id is the API's). Output goes to
/// a log file; a pidfile lets Aicq.Testing's cleanup kill it if the bench itself is killed.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _pidFile;

    private readonly string _name;

    private ApiProcess(Process process, StreamWriter log, string logFile, string name)
    {
        _process = process;
        _log = log;
        _name = name;
        LogFile = logFile;
        _pidFile = TestState.WritePidFile(TestState.Root, $"aicq-{name}-{process.Id}", process.Id);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string LogFile { get; }

    public static ApiProcess Start(string dll, IReadOnlyDictionary<string, string> environment, int? core, string logFile) =>
        Start("api", DotnetHost(), [dll], Path.GetDirectoryName(dll)!, environment, core, logFile);

    /// <summary>Any program the same way (the edge, nginx): <c>taskset -c N program args</c>, output to <paramref name="logFile"/>.</summary>
    public static ApiProcess Start(
        string name, string program, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment, int? core, string logFile)
    {
        var info = new ProcessStartInfo(core is null ? program : "taskset")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (core is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(core.Value.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(program);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (variable, value) in environment) info.Environment[variable] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ApiProcess(process, log, logFile, name);
    }

    /// <summary>Polls <c>/health/ready</c> (migrations applied, PostgreSQL and Redis reachable) until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(Uri baseAddress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before it was ready");
            try
            {
                using var response = await http.GetAsync("health/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw Failure($"was not ready within {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
        File.Delete(_pidFile);
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            if (log.BaseStream.CanWrite) log.WriteLine(line);
        }
    }

    public InvalidOperationException Failure(string what)
    {
        string tail;
        lock (_log) tail = string.Join('\n', File.ReadLines(LogFile).TakeLast(30));
        return new InvalidOperationException($"{(_name == "api" ? "The API" : _name)} (pid {_process.Id}) {what}. Last lines of {LogFile}:\n{tail}");
    }

    /// <summary>The dotnet host running the bench (same runtime), else dotnet from PATH.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
