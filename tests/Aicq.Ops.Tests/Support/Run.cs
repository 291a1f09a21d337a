namespace Aicq.Ops.Tests.Support;

/// <summary>What a finished process printed (stdout and stderr interleaved, as a person sees it) and its exit code.</summary>
internal sealed record RunResult(int ExitCode, string Output, string CommandLine)
{
    public override string ToString() => $"$ {CommandLine}\n(exit {ExitCode})\n{Output}";

    public RunResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }
}

/// <summary>Runs real commands (docker-compose, bash, ./aicq, dotnet) to completion.</summary>
internal static class Run
{
    public static async Task<RunResult> CommandAsync(
        string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close(); // no terminal, no answers: as in CI
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var commandLine = $"{file} {string.Join(' ', info.ArgumentList)}";
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish in time. Output so far:\n{output}");
        }
        process.WaitForExit(); // drains the output events
        lock (output) return new RunResult(process.ExitCode, output.ToString(), commandLine);
    }

    /// <summary><c>./aicq ARGS</c> from the repository root.</summary>
    public static Task<RunResult> AicqAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        CommandAsync("bash", [Repo.Launcher, .. args], environment: environment, timeout: timeout);
}
