namespace Aicq.Testing;

/// <summary>Runs a setup tool (initdb, pg_ctl, chown …) to completion and fails loudly with its output.</summary>
internal static class Command
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(file)
        {
            // A folder every user can enter: tools run as postgres complain about an unreadable current directory.
            WorkingDirectory = TestState.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = info };
        var output = new StringWriter();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch (Exception)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        string text;
        lock (output) text = output.ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{text}");
        }
        return text;
    }

    /// <summary>Runs a PostgreSQL tool as <c>postgres</c> when we are root, because PostgreSQL refuses to run as root.</summary>
    public static Task<string> RunAsPostgresAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken = default) =>
        Posix.IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args], cancellationToken)
            : RunAsync(file, args, cancellationToken);
}
