using Aicq.Edge.Telemetry;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Forwarding;

/// <summary>
/// Watches YARP's view of each API instance: one log line when an instance leaves or rejoins rotation (YARP's
/// own probe failures, every interval, are silenced in the logging setup), and aicq_edge_upstream_healthy.
/// </summary>
internal sealed partial class UpstreamHealthMonitor(IProxyStateLookup proxyState, ILogger<UpstreamHealthMonitor> logger) : BackgroundService
{
    private readonly Dictionary<string, bool> _healthy = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            foreach (var cluster in proxyState.GetClusters())
            {
                foreach (var destination in cluster.Destinations.Values) Observe(destination);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Observe(DestinationState destination)
    {
        var address = destination.Model.Config.Address;
        var health = destination.Health;
        var healthy = health.Active != DestinationHealth.Unhealthy && health.Passive != DestinationHealth.Unhealthy;
        EdgeMetrics.UpstreamHealthy.WithLabels(address).Set(healthy ? 1 : 0);
        if (_healthy.TryGetValue(address, out var before) && before == healthy) return;
        if (healthy) LogHealthy(logger, address);
        else LogUnhealthy(logger, address, health.Active.ToString().ToLowerInvariant(), health.Passive.ToString().ToLowerInvariant());
        _healthy[address] = healthy;
    }

    [LoggerMessage(EventName = "upstream_healthy", Level = LogLevel.Information, Message = "API instance {destination} is in rotation")]
    private static partial void LogHealthy(ILogger logger, string destination);

    [LoggerMessage(EventName = "upstream_unhealthy", Level = LogLevel.Warning,
        Message = "API instance {destination} left rotation (active check {active}, passive {passive})")]
    private static partial void LogUnhealthy(ILogger logger, string destination, string active, string passive);
}
