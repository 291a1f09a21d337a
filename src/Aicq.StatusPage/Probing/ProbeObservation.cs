namespace Aicq.StatusPage.Probing;

/// <summary>What a health body says overall.</summary>
public enum BodyVerdict { Unknown, Healthy, Degraded }

/// <summary>One dependency check as a service reported it (the API's <c>checks</c>, or <c>entries</c> of the HealthChecks UI format).</summary>
public sealed record DependencyReport(bool Passing, double? LatencyMs, string? Message);

/// <summary>A parsed health body: its verdict and the checks it names.</summary>
public sealed record HealthBody(BodyVerdict Verdict, IReadOnlyDictionary<string, DependencyReport> Checks, bool IsAicqHealth)
{
    public static readonly HealthBody None = new(BodyVerdict.Unknown, new Dictionary<string, DependencyReport>(), false);
}

/// <summary>
/// The result of one HTTP health probe. <see cref="Failure"/> is public-safe text (connection refused, timed out …)
/// and set only when nothing answered.
/// </summary>
public sealed record ProbeObservation(int? StatusCode, double? LatencyMs, string? Failure, HealthBody Body)
{
    public bool Answered => StatusCode is not null;

    public static ProbeObservation Unreachable(string failure, double? latencyMs = null) => new(null, latencyMs, failure, HealthBody.None);
}
