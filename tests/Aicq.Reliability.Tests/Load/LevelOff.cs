namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// Whether a series sampled over a long run has levelled off. The run is cut in thirds by time: the first is
/// warm-up (JIT tiering, GC heap sizing, connection pools filling) and is ignored; the series levels off when
/// the highest value of the last third is at most the highest of the middle third plus a margin. Maxima, not
/// means, so a GC sawtooth or a burst of connections that comes and goes does not count as growth, while a
/// leak, which keeps climbing, puts the last third's maximum above the middle's by as much as it grew in a third
/// of the run. The margin (a share plus an absolute slack) absorbs noise in the short bounded form.
/// </summary>
public sealed record LevelOff(string Series, double First, double Last, double MiddleMax, double LastMax, double Allowed)
{
    public bool Holds => LastMax <= Allowed;

    public static LevelOff Of(string series, IReadOnlyList<(TimeSpan At, double Value)> samples, double share, double slack)
    {
        var end = samples[^1].At;
        var middle = samples.Where(s => s.At >= end / 3 && s.At < end * 2 / 3).Select(s => s.Value).DefaultIfEmpty(samples[0].Value).Max();
        var last = samples.Where(s => s.At >= end * 2 / 3).Select(s => s.Value).Max();
        return new LevelOff(series, samples[0].Value, samples[^1].Value, middle, last, middle * (1 + share) + slack);
    }

    /// <summary>For example <c>api-1 RSS MB 88→121 (middle max 119, last max 122 ≤ 141)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Series} {First:0}→{Last:0} (middle max {MiddleMax:0}, last max {LastMax:0} {(Holds ? "≤" : ">")} {Allowed:0})");
}
