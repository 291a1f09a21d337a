namespace Aicq.Testing;

/// <summary>Reads a process's memory and CPU time from <c>/proc</c>.</summary>
public sealed class ProcessProbe(int pid)
{
    public int Pid => pid;

    /// <summary>Current resident set (VmRSS) in KiB, or null once the process is gone.</summary>
    public long? RssKb() => StatusField("VmRSS:");

    /// <summary>Peak resident set since start or since <see cref="TryResetPeak"/> (VmHWM) in KiB.</summary>
    public long? PeakRssKb() => StatusField("VmHWM:");

    /// <summary>Resets VmHWM (writing 5 to clear_refs), so each scenario gets its own peak; false if the kernel refuses.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>User plus system CPU time of all threads so far, or null once the process is gone.</summary>
    public TimeSpan? CpuTime() => ProcFs.CpuTime(pid);

    private long? StatusField(string name)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
                var value = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
        }
        return null;
    }
}
