using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aicq.ServiceDefaults.Health;

/// <summary>Readiness fails from the first moment of shutdown, so balancers stop sending new work.</summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy());
}

/// <summary>
/// Keeps serving for SHUTDOWN_DELAY_SECONDS after SIGTERM while readiness already answers 503,
/// giving load balancers time to take this instance out before the server stops accepting connections.
/// </summary>
internal sealed class ShutdownDelayService(TimeSpan delay) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
