using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aicq.Api.Telemetry;

/// <summary>Times every EF Core command into aicq_postgres_latency_seconds.</summary>
internal sealed class PostgresLatencyInterceptor : DbCommandInterceptor
{
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        ApiMetrics.PostgresLatency.Observe(eventData.Duration.TotalSeconds);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ApiMetrics.PostgresLatency.Observe(eventData.Duration.TotalSeconds);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ApiMetrics.PostgresLatency.Observe(eventData.Duration.TotalSeconds);
        return ValueTask.FromResult(result);
    }
}
