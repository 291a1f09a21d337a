using System.Runtime.InteropServices;

namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// What the instance cases do to one API instance (kill, drain, replace) and how they see the edge react: the
/// edge's aicq_edge_upstream_healthy of that instance, as the run's <see cref="HealthWatch"/> sampled it.
/// </summary>
public static class Instances
{
    /// <summary>
    /// SIGKILL (.NET's <see cref="Process.Kill()"/> sends exactly that on Linux): no drain. Returns once the process is
    /// gone, i.e. the kernel has closed its sockets; until then its listening socket still accepts connections.
    /// </summary>
    public static async Task KillAsync(FaultRun r, int instance)
    {
        using (var process = Process.GetProcessById(r.Appliance.Apis[instance].Process.Id)) process.Kill();
        await r.Appliance.Apis[instance].Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends SIGINT (Ctrl-C) and waits for the instance to exit; returns its exit code and how long the drain took.</summary>
    public static async Task<(int ExitCode, TimeSpan Took)> InterruptAsync(FaultRun r, int instance)
    {
        var process = r.Appliance.Apis[instance].Process;
        var started = Stopwatch.GetTimestamp();
        await process.SendSignalAsync(PosixSignal.SIGINT);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(35));
        return (code, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Starts a new instance on the old one's ports and waits until it is ready and back in the edge's rotation.</summary>
    /// <returns>
    /// How long after <paramref name="from"/> it was ready, and when the edge had it in rotation again (null: not within 30 s).
    /// </returns>
    public static async Task<(TimeSpan Ready, TimeSpan? InRotation)> ReplaceAsync(FaultRun r, int instance, TimeSpan from)
    {
        await r.Appliance.ReplaceApiAsync(instance);
        var ready = r.Now - from;
        return (ready, await WaitEdgeAsync(r, instance, 1, from, TimeSpan.FromSeconds(30)));
    }

    public static string Describe((TimeSpan Ready, TimeSpan? InRotation) replaced) =>
        $"replacement ready {Outcomes.Seconds(replaced.Ready)} after it was started, in rotation after {Outcomes.Seconds(replaced.InRotation)}";

    /// <summary>Waits until the edge was seen with the instance at <paramref name="value"/> (1 in rotation, 0 out) since <paramref name="from"/>.</summary>
    /// <returns>When, relative to <paramref name="from"/>; null when not within <paramref name="timeout"/>.</returns>
    public static async Task<TimeSpan?> WaitEdgeAsync(FaultRun r, int instance, double value, TimeSpan from, TimeSpan timeout)
    {
        while (r.Now - from < timeout)
        {
            if (FirstSeen(r.Watch, instance, HealthWatch.Edge, value, from) is { } at) return at - from;
            await Task.Delay(100);
        }
        return FirstSeen(r.Watch, instance, HealthWatch.Edge, value, from) - from;
    }

    private static TimeSpan? FirstSeen(HealthWatch watch, int instance, string signal, double value, TimeSpan from) =>
        watch.Of(instance, signal, from, TimeSpan.MaxValue).Where(s => s.Value == value).Select(s => (TimeSpan?)s.At).Min();
}
