using Npgsql;
using StackExchange.Redis;

namespace Aicq.Api.Settings;

/// <summary>Turns the platform-style DATABASE_URL / REDIS_URL into client settings, failing fast on a dead dependency.</summary>
internal static class ConnectionUrls
{
    private static readonly string[] SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    public static (string?, string?) ParsePostgres(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            return (null, "must be a postgres:// URL such as postgres://user:password@host:5432/aicq?sslmode=require");
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length == 0) return (null, "must name a database in its path (postgres://user:password@host:5432/aicq)");
        var userInfo = uri.UserInfo.Split(':', 2);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var sslMode = query["sslmode"] ?? "prefer";
        if (!SslModes.Contains(sslMode)) return (null, $"has sslmode '{sslMode}'; use one of {string.Join(", ", SslModes)}");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(database),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            SslMode = Enum.Parse<SslMode>(sslMode.Replace("-", ""), ignoreCase: true),
            // A dead database must turn into a fast 503, not a hanging request.
            Timeout = 2,
            CommandTimeout = 5,
            MaxPoolSize = 20,
            ApplicationName = "aicq-api",
        };
        return (builder.ConnectionString, null);
    }

    public static string MaskPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Username}:********@{builder.Host}:{builder.Port}/{builder.Database}?sslmode={builder.SslMode.ToString().ToLowerInvariant()}";
    }

    public static (ConfigurationOptions?, string?) ParseRedis(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
            return (null, "must be a redis:// or rediss:// URL such as redis://:password@host:6379/0");
        var options = new ConfigurationOptions
        {
            Ssl = uri.Scheme == "rediss",
            AbortOnConnectFail = false,
            ConnectTimeout = 1000,
            SyncTimeout = 1000,
            AsyncTimeout = 1000,
            ConnectRetry = 1,
            KeepAlive = 5,
            // Without a backlog, commands fail at once while Redis is away: a fast 503 instead of a hang.
            BacklogPolicy = BacklogPolicy.FailFast,
            ClientName = "aicq-api",
        };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0) options.User = Uri.UnescapeDataString(userInfo[0]);
            options.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, out var database) || database < 0) return (null, $"has database '{path}'; use a number such as /0");
            options.DefaultDatabase = database;
        }
        return (options, null);
    }

    public static string MaskRedis(ConfigurationOptions options) =>
        $"{(options.Ssl ? "rediss" : "redis")}://{(options.Password is null ? "" : ":********@")}{string.Join(",", options.EndPoints)}/{options.DefaultDatabase ?? 0}";
}
