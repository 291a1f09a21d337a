using System.Diagnostics;
using System.Globalization;
using Aicq.Bench.Probes;

namespace Aicq.Bench.Hosting;

/// <summary>Pins processes to a core with <c>taskset</c>, the way production's one shared CPU is emulated.</summary>
internal static class CpuPinning
{
    /// <summary>False on a one-core machine (nothing to separate) or without taskset.</summary>
    public static bool Available { get; } = Environment.ProcessorCount >= 2 || MachineCores() >= 2;

    /// <summary>How many cores this process may run on (1 when started under <c>taskset -c N</c>).</summary>
    public static int OwnCores => Environment.ProcessorCount;

    /// <summary>Pins every thread of <paramref name="pid"/> and of its direct children (PostgreSQL's backends).</summary>
    public static async Task PinTreeAsync(int pid, int core)
    {
        foreach (var target in ProcFs.Children(pid).Prepend(pid)) await PinAsync(target, core);
    }

    private static async Task PinAsync(int pid, int core)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-a", "-p", "-c", core.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("taskset did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        // A child that exited meanwhile is not a failure; anything else is, because the numbers would lie.
        if (process.ExitCode != 0 && Directory.Exists($"/proc/{pid}"))
            throw new InvalidOperationException($"taskset could not pin pid {pid} to core {core}: {error.Trim()}");
    }

    private static int MachineCores()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return 1;
        }
    }
}
