namespace Aicq.Bench.Options;

/// <summary>
/// What <c>Aicq.Bench edge</c> measures: <c>GET /room/{id}</c> against the API directly and through each
/// proxy, each closed-loop at <see cref="RunOptions.Connections"/> and <see cref="RssConnections"/>, then
/// open-loop at a fixed rate.
/// </summary>
internal sealed record EdgeOptions
{
    /// <summary>In the order they run: direct first, since its throughput sets the fixed rate.</summary>
    public static readonly string[] AllVias = ["direct", "nginx", "bare-yarp", "edge-no-limits", "edge"];

    /// <summary>The stack, connection counts, durations and output, as for <c>run</c>.</summary>
    public required RunOptions Run { get; init; }

    public IReadOnlyList<string> Vias { get; init; } = AllVias;
    public int RssConnections { get; init; } = 250;
    public TimeSpan RssDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The open-loop step runs at this fraction of direct's closed-loop throughput, unless <see cref="RunOptions.Rate"/> is set.</summary>
    public double RateFraction { get; init; } = 0.5;

    /// <summary>The edge and nginx share the API's core by default, so every proxy pays for its work out of the same CPU.</summary>
    public int ProxyCore { get; init; }

    /// <summary>Paced, unmeasured traffic through each freshly started edge so its JIT settles, as for the API.</summary>
    public TimeSpan ProxyJitWarmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra environment for every edge started (<c>--edge-env</c>), to compare runtime knobs.</summary>
    public IReadOnlyDictionary<string, string> EdgeEnvironment { get; init; } = new Dictionary<string, string>();
}
