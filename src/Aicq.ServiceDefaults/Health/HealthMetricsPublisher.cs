using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Aicq.ServiceDefaults.Health;

/// <summary>Publishes every health check as aicq_health_check_status{check} (1 pass, 0 fail) for alerting.</summary>
internal sealed class HealthMetricsPublisher : IHealthCheckPublisher
{
    private static readonly Gauge Status = Prometheus.Metrics.CreateGauge(
        "aicq_health_check_status", "Result of each health check: 1 pass, 0 fail.", "check");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
            Status.WithLabels(name).Set(entry.Status == HealthStatus.Unhealthy ? 0 : 1);
        return Task.CompletedTask;
    }
}
