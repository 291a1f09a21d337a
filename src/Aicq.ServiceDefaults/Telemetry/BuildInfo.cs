using Prometheus;

namespace Aicq.ServiceDefaults.Telemetry;

internal static class BuildInfo
{
    public static void Publish(ServiceInfo service) =>
        Prometheus.Metrics
            .CreateGauge("aicq_build_info", "Version and commit of the running build (always 1).", "version", "commit")
            .WithLabels(service.Version, service.Commit)
            .Set(1);
}
