namespace Aicq.Testing.Reliability;

/// <summary>
/// How long the suites run. <c>./aicq test</c> runs them bounded (shorter holds and windows, so CI stays well
/// inside its budget); <c>./aicq test --faults|--load|--abuse|--fuzz|--reliability</c> sets
/// <c>AICQ_RELIABILITY=full</c> and they run as issue 7 states them (30 s outages, a 10 minute steady load).
/// Every result says which form measured it.
/// </summary>
public static class SuiteForm
{
    public static bool Full { get; } =
        string.Equals(Environment.GetEnvironmentVariable("AICQ_RELIABILITY"), "full", StringComparison.OrdinalIgnoreCase);

    public static string Name => Full ? "full" : "bounded";

    /// <summary><paramref name="full"/> in the full form, <paramref name="bounded"/> otherwise.</summary>
    public static T Pick<T>(T full, T bounded) => Full ? full : bounded;

    public static TimeSpan Seconds(double full, double bounded) => TimeSpan.FromSeconds(Pick(full, bounded));
}
