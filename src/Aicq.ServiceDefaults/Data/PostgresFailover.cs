using Aicq.ServiceDefaults.Http;
using Npgsql;

namespace Aicq.ServiceDefaults.Data;

/// <summary>What a service does when a write meets a read-only server: the primary it knew is a standby now.</summary>
public static class PostgresFailover
{
    /// <summary>
    /// Whether <paramref name="exception"/> is a read-only refusal; if so, drops the pooled connections and, for a
    /// multi-host URL, the remembered role of every server, so the next connection looks for the primary again
    /// instead of waiting for Npgsql's recheck interval.
    /// </summary>
    public static bool ForgetServersAfter(Exception? exception, NpgsqlDataSource dataSource)
    {
        if (!IsReadOnlyRefusal(exception)) return false;
        if (dataSource is NpgsqlMultiHostDataSource multiHost) multiHost.ClearDatabaseStates();
        dataSource.Clear();
        return true;
    }

    private static bool IsReadOnlyRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres) return ErrorAnswers.IsReadOnlyServer(postgres);
        }
        return false;
    }
}
