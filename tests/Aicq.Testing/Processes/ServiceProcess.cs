namespace Aicq.Testing;

/// <summary>
/// A built AICQ service as a real child process (<c>dotnet X.dll</c>, or the edge's native binary), so tests see exactly what production sees:
/// environment-variable configuration, the real ports, signals, logs and exit codes. A <see cref="ChildProcess"/>
/// started the way every service starts.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private ServiceProcess(ChildProcess child) => Child = child;

    public ChildProcess Child { get; }
    public int Id => Child.Id;
    public bool HasExited => Child.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => Child.ExitCode;

    /// <summary>Every stdout and stderr line so far, in arrival order (a snapshot; safe to call while it runs).</summary>
    public IReadOnlyList<string> Output => Child.Output;

    /// <summary>
    /// Starts <c>dotnet &lt;program&gt; args</c> for a DLL, or the program itself for a native binary (the edge's
    /// Native AOT build), in its folder. The child inherits this process's environment with
    /// <paramref name="environment"/> applied on top; a null value removes a variable.
    /// </summary>
    public static ServiceProcess Start(string program, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var options = new ChildProcessOptions
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(program)),
            Environment = environment,
            Name = Path.GetFileNameWithoutExtension(program),
        };
        return program.EndsWith(".dll", StringComparison.Ordinal)
            ? new(ChildProcess.Start(ChildProcess.Dotnet, [program, .. args], options))
            : new(ChildProcess.Start(program, args, options));
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; fails early, with the output, if the process exits.</summary>
    public Task WaitForHttpAsync(string url, TimeSpan timeout) =>
        Child.WaitForHttpAsync(url, timeout, status => status == HttpStatusCode.OK);

    /// <inheritdoc cref="ChildProcess.WaitForOutputAsync"/>
    public Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout) => Child.WaitForOutputAsync(match, timeout);

    /// <inheritdoc cref="ChildProcess.Signal"/>
    public Task SendSignalAsync(PosixSignal signal)
    {
        Child.Signal(signal);
        return Task.CompletedTask;
    }

    /// <inheritdoc cref="ChildProcess.WaitForExitAsync"/>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => Child.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => Child.DisposeAsync();
}
