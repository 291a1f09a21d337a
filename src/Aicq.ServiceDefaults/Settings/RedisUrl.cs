using StackExchange.Redis;

namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// Turns a platform-style <c>REDIS_URL</c> (<c>redis://</c> or <c>rediss://</c>) into client options that fail
/// fast while Redis is away, so a service answers (or falls back) at once instead of hanging.
/// </summary>
public static class RedisUrl
{
    /// <summary>Parses <paramref name="raw"/>; the shape <see cref="SettingsReader.Parse{T}"/> expects.</summary>
    public static (ConfigurationOptions? Options, string? Error) Parse(string raw, string clientName, int timeoutMs = 1000)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
            return (null, "must be a redis:// or rediss:// URL such as redis://:password@host:6379/0");
        var options = new ConfigurationOptions
        {
            Ssl = uri.Scheme == "rediss",
            AbortOnConnectFail = false,
            ConnectTimeout = timeoutMs,
            SyncTimeout = timeoutMs,
            AsyncTimeout = timeoutMs,
            ConnectRetry = 1,
            KeepAlive = 5,
            // Timeouts are noticed on the heartbeat: at the default 1 s a hung Redis took up to twice the timeout to fail.
            HeartbeatInterval = TimeSpan.FromMilliseconds(250),
            // Without a backlog, commands fail at once while Redis is away instead of queueing behind a reconnect.
            BacklogPolicy = BacklogPolicy.FailFast,
            ClientName = clientName,
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

    /// <summary>The URL with its password masked, for <c>--check-config</c> and logs.</summary>
    public static string Mask(ConfigurationOptions options) =>
        $"{(options.Ssl ? "rediss" : "redis")}://{(options.Password is null ? "" : ":********@")}{string.Join(",", options.EndPoints)}/{options.DefaultDatabase ?? 0}";
}
