using Npgsql;

namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// Turns a platform-style <c>postgres://</c> URL (the form <c>DATABASE_URL</c> takes) into an Npgsql connection
/// string with short timeouts, so a dead database turns into a fast failure instead of a hanging request.
/// </summary>
public static class PostgresUrl
{
    private static readonly string[] SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    /// <summary>Parses <paramref name="raw"/>; the shape <see cref="SettingsReader.Parse{T}"/> expects.</summary>
    public static (string? ConnectionString, string? Error) Parse(string raw, string applicationName, int maxPoolSize = 20)
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
            Timeout = 2,
            CommandTimeout = 5,
            MaxPoolSize = maxPoolSize,
            ApplicationName = applicationName,
        };
        return (builder.ConnectionString, null);
    }

    /// <summary>The connection string as a URL with its password masked, for <c>--check-config</c> and logs.</summary>
    public static string Mask(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Username}:********@{builder.Host}:{builder.Port}/{builder.Database}?sslmode={builder.SslMode.ToString().ToLowerInvariant()}";
    }
}
