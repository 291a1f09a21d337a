using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aicq.Api.Health;

/// <summary>
/// Runs a package's check under a deadline and replaces its failure text by "timed out" or "unreachable": the packages
/// report the driver's own error, which may name hosts or users, and /health is public. A failure text of our own
/// (<paramref name="keptTexts"/>) stays.
/// </summary>
internal sealed class PublicSafeCheck(IHealthCheck inner, TimeSpan deadline, IReadOnlyCollection<string> keptTexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        HealthCheckResult result;
        try
        {
            // WaitAsync as well: the Redis check does not take the token.
            result = await inner.CheckHealthAsync(context, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "timed out");
        }
        if (result.Status == HealthStatus.Healthy || keptTexts.Contains(result.Description)) return result;
        var timedOut = timeout.IsCancellationRequested || result.Exception is TimeoutException;
        return new HealthCheckResult(result.Status, timedOut ? "timed out" : "unreachable");
    }
}
