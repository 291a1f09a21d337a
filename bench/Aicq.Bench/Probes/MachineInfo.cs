using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Aicq.Bench.Probes;

/// <summary>The machine a run measured, so results from different machines are never compared blindly.</summary>
internal sealed record MachineInfo(
    [property: JsonPropertyName("cpus")] int Cpus,
    [property: JsonPropertyName("cpu_model")] string CpuModel,
    [property: JsonPropertyName("memory_mb")] long MemoryMb,
    [property: JsonPropertyName("kernel")] string Kernel,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("load_average")] string LoadAverage)
{
    public static MachineInfo Read()
    {
        var cpuinfo = ReadOr("/proc/cpuinfo", "");
        var lines = cpuinfo.Split('\n');
        var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        // Every processor of the machine, not only those this (possibly pinned) process may use.
        var cpus = lines.Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        var memory = ReadOr("/proc/meminfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var memoryKb = memory is null ? 0 : long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return new MachineInfo(
            cpus > 0 ? cpus : Environment.ProcessorCount,
            model,
            memoryKb / 1024,
            ReadOr("/proc/sys/kernel/osrelease", "unknown").Trim(),
            RuntimeInformation.FrameworkDescription,
            CurrentLoadAverage());
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews a run.</summary>
    public static string CurrentLoadAverage() => string.Join(' ', ReadOr("/proc/loadavg", "").Split(' ').Take(3));

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
