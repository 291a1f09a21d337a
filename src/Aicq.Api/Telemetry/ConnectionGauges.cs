using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Aicq.Api.Telemetry;

/// <summary>
/// Fills aicq_active_connections{db} at scrape time: PostgreSQL from Npgsql's own pool meter
/// (idle + used connections), Redis from the multiplexer's connected endpoints.
/// </summary>
internal sealed class ConnectionGauges : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IConnectionMultiplexer _redis;
    private long _postgresConnections;

    public ConnectionGauges(IConnectionMultiplexer redis)
    {
        _redis = redis;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.connections.usage")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _postgresConnections, value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _postgresConnections, value));
        _listener.Start();
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        Interlocked.Exchange(ref _postgresConnections, 0);
        _listener.RecordObservableInstruments();
        ApiMetrics.ActiveConnections.WithLabels("postgres").Set(Interlocked.Read(ref _postgresConnections));
        ApiMetrics.ActiveConnections.WithLabels("redis").Set(_redis.GetServers().Count(s => s.IsConnected));
    }

    public void Dispose() => _listener.Dispose();
}
