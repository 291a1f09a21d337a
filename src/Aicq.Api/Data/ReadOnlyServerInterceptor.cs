using System.Data.Common;
using Aicq.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Aicq.Api.Data;

/// <summary>
/// After a failover the old primary may still answer, read-only: a write there fails with SQLSTATE 25006 (the request
/// gets a 503 with Retry-After), and this makes the retry find the new primary at once.
/// </summary>
internal sealed class ReadOnlyServerInterceptor(NpgsqlDataSource dataSource) : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        PostgresFailover.ForgetServersAfter(eventData.Exception, dataSource);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        PostgresFailover.ForgetServersAfter(eventData.Exception, dataSource);
        return Task.CompletedTask;
    }
}
