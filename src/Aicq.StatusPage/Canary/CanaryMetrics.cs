using Prometheus;

namespace Aicq.StatusPage.Canary;

/// <summary>
/// The synthetic agent's metrics, per step (<see cref="CanarySteps"/>): <c>aicq_canary_success{step}</c> (1 when the
/// last run's step succeeded, else 0; the CanaryFailing alert reads it) and <c>aicq_canary_duration_seconds{step}</c>.
/// </summary>
internal static class CanaryMetrics
{
    private static readonly Gauge Success = Metrics.CreateGauge(
        "aicq_canary_success", "1 when the synthetic agent's last run of the step succeeded, else 0.", "step");

    private static readonly Gauge Duration = Metrics.CreateGauge(
        "aicq_canary_duration_seconds", "How long the synthetic agent's last run of the step took.", "step");

    private static readonly Gauge LastRun = Metrics.CreateGauge(
        "aicq_canary_last_run_timestamp_seconds", "Unix time of the synthetic agent's last completed run.");

    public static void Publish(CanaryRun run)
    {
        foreach (var step in run.Steps)
        {
            Success.WithLabels(step.Step).Set(step.Succeeded ? 1 : 0);
            Duration.WithLabels(step.Step).Set(step.DurationMs / 1000);
        }
        LastRun.Set(run.At.ToUnixTimeMilliseconds() / 1000.0);
    }
}
