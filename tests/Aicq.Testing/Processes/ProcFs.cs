namespace Aicq.Testing;

/// <summary>Process relations and CPU times read from <c>/proc</c>.</summary>
public static class ProcFs
{
    // /proc reports CPU time in USER_HZ, which Linux fixes at 100 for user space on every mainstream architecture.
    private const double TicksPerSecond = 100;

    /// <summary>The direct children of <paramref name="parent"/> (PostgreSQL's backends and helpers under the postmaster).</summary>
    public static IReadOnlyList<int> Children(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && StatFields(pid) is { } fields && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>User plus system CPU time of all threads of <paramref name="pid"/>, or null once it is gone.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        // After the command name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
        if (StatFields(pid) is not { } fields) return null;
        return long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user) && long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)
            ? TimeSpan.FromSeconds((user + system) / TicksPerSecond)
            : null;
    }

    /// <summary>CPU time of a process and its direct children alive now.</summary>
    public static TimeSpan TreeCpuTime(int pid) =>
        Children(pid).Prepend(pid).Select(CpuTime).Aggregate(TimeSpan.Zero, (sum, t) => sum + (t ?? TimeSpan.Zero));

    // The fields of /proc/<pid>/stat after the parenthesised command name (which may contain spaces).
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
