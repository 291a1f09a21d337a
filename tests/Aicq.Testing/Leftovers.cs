namespace Aicq.Testing;

/// <summary>
/// Cleans up after test processes that died without running their cleanup (killed, or cut short by the
/// test platform, which gives a test host only 100 ms to exit by default): their servers are found
/// through the pidfiles they left and killed, then their folders are deleted.
/// </summary>
internal static partial class Leftovers
{
    /// <summary>Kills what the pidfiles under <paramref name="directory"/> name, if it is still one of ours.</summary>
    public static void Kill(string directory)
    {
        foreach (var pidFile in Directory.EnumerateFiles(directory, "*.pid", SearchOption.AllDirectories))
        {
            // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its backends down with it.
            var signal = Path.GetFileName(pidFile) == "postmaster.pid" ? Posix.SigQuit : Posix.SigKill;
            if (ReadPid(pidFile) is { } pid && IsOurs(pid)) Posix.Signal(pid, signal);
        }
    }

    /// <summary>Removes the folders of earlier test processes (<c>&lt;pid&gt;-&lt;random&gt;</c>) that no longer run.</summary>
    public static void SweepStaleRuns(string testRoot)
    {
        if (!Directory.Exists(testRoot)) return;
        foreach (var run in Directory.GetDirectories(testRoot))
        {
            var match = RunFolder().Match(Path.GetFileName(run));
            if (!match.Success || Directory.Exists($"/proc/{match.Groups[1].Value}")) continue;
            Kill(run);
            TryDelete(run);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server still exiting may hold files for a moment; the next sweep gets the rest.
        }
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && pid > 1 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Pids are reused: only kill a process that is still a server or service of the kind tests start.
    private static bool IsOurs(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains("postgres") || commandLine.Contains("redis-server") || commandLine.Contains("dotnet");
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex("^([0-9]+)-")]
    private static partial Regex RunFolder();
}
