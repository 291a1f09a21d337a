namespace Aicq.Bench.Options;

/// <summary>What <c>Aicq.Bench run</c> measures and against which API.</summary>
internal sealed record RunOptions
{
    public required IReadOnlyList<string> Scenarios { get; init; }
    public int Connections { get; init; } = 50;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// At most this long: paced, untimed traffic of every scenario before the first measurement, until the API's
    /// JIT time stops growing (only the full time when the API's metrics cannot be read), so it runs optimised code.
    /// </summary>
    public TimeSpan JitWarmup { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>An already-running API; null starts a throwaway one.</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary>With <see cref="ApiUrl"/>: the API's process id, so its RSS and CPU can still be sampled.</summary>
    public int? ApiPid { get; init; }

    public string? ApiDll { get; init; }

    /// <summary>Extra environment for the started API (<c>--api-env NAME=VALUE</c>), e.g. runtime knobs to compare.</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();
    public bool Pin { get; init; } = true;
    public int ApiCore { get; init; }
    public int DepsCore { get; init; } = 1;

    /// <summary>Signed requests prepared per second of warm-up plus duration; a run that uses them up stops early and says so.</summary>
    public int PresignRate { get; init; } = 8000;

    /// <summary>Rooms the signed POSTs rotate through; 1 is the hot-room case (every post updates one row).</summary>
    public int PostRooms { get; init; } = 1;

    /// <summary>Agents the signed POSTs rotate through; null sizes the pool to the byte budget.</summary>
    public int? Agents { get; init; }

    /// <summary>Requests per second of an open loop (fixed arrival rate, <c>--rate</c>); null is a closed loop.</summary>
    public int? Rate { get; init; }

    /// <summary>Where the results go as JSON (for <c>report</c>); null prints only.</summary>
    public string? OutFile { get; init; }
}
