namespace Aicq.Testing;

/// <summary>
/// Where test servers keep their files and pidfiles: one folder per test process,
/// <c>&lt;base&gt;/&lt;pid&gt;-&lt;random&gt;</c>, where the base is <c>$AICQ_TEST_STATE_DIR</c> (set by
/// <c>./aicq test</c>) or <c>.aicq/test</c> in the repository. Every process started there leaves a pidfile
/// (<c>*.pid</c>, first line a process id), so whoever cleans up — this process at exit, the next test run,
/// or <c>./aicq test</c>'s trap after Ctrl-C — can kill it even when nobody disposed it.
/// </summary>
public static class TestState
{
    private static readonly Lazy<string> LazyRoot = new(CreateRoot);

    /// <summary>This process's folder, created on first use.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A new empty folder <c>&lt;Root&gt;/&lt;kind&gt;-&lt;random&gt;</c> for one server.</summary>
    public static string NewDirectory(string kind)
    {
        var path = Path.Combine(Root, $"{kind}-{Random()}");
        CreateOpenDirectory(path);
        return path;
    }

    /// <summary>Records a process so an interrupted run can still be cleaned up; returns the pidfile's path.</summary>
    public static string WritePidFile(string directory, string name, int pid)
    {
        var path = Path.Combine(directory, name + ".pid");
        File.WriteAllText(path, pid + "\n");
        return path;
    }

    /// <summary>
    /// Lets the <c>postgres</c> user reach a folder: every ancestor needs the search (x) bit for others,
    /// which a clone under <c>/root</c> lacks. Only the search bit is added, never read.
    /// </summary>
    internal static void MakeTraversable(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
        }
    }

    internal static string Random() => Guid.NewGuid().ToString("N")[..8];

    private static void CreateOpenDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private static string CreateRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AICQ_TEST_STATE_DIR");
        var parent = string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(RepoPaths.Root, ".aicq", "test")
            : Path.GetFullPath(fromEnvironment);
        Leftovers.SweepStaleRuns(parent);
        var root = Path.Combine(parent, $"{Environment.ProcessId}-{Random()}");
        CreateOpenDirectory(root);
        // Disposed servers are gone already; this catches the rest. It must be quick: the test platform
        // kills a test host that takes longer than VSTEST_TESTHOST_SHUTDOWN_TIMEOUT (100 ms by default).
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Leftovers.Kill(root);
            Leftovers.TryDelete(root);
        };
        return root;
    }
}
