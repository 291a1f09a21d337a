using Aicq.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Aicq.Api.Data;

/// <summary>
/// Contexts for the reads that may lag the primary by a replica's replay delay: <c>GET /channels</c>, <c>GET /stats</c>
/// and the database part of <c>GET /who</c> (see docs/architecture.md). They go to <c>DATABASE_REPLICA_URL</c> when it
/// is set, else to the primary. Nothing that decides a write reads through here, so a writer always reads its own writes.
/// </summary>
internal sealed class StaleReads : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _replica;
    private readonly PooledDbContextFactory<AicqDbContext> _contexts;

    public StaleReads(string? replicaConnectionString, NpgsqlDataSource primary)
    {
        _replica = replicaConnectionString is null ? null : NpgsqlDataSource.Create(replicaConnectionString);
        var options = new DbContextOptionsBuilder<AicqDbContext>()
            .UseNpgsql(_replica ?? primary)
            .AddInterceptors(new PostgresLatencyInterceptor())
            .Options;
        _contexts = new PooledDbContextFactory<AicqDbContext>(options);
    }

    /// <summary>A context of the caller's, to dispose when the read is done.</summary>
    public ValueTask<AicqDbContext> ContextAsync(CancellationToken cancellationToken) =>
        new(_contexts.CreateDbContextAsync(cancellationToken));

    public ValueTask DisposeAsync() => _replica?.DisposeAsync() ?? ValueTask.CompletedTask;
}
