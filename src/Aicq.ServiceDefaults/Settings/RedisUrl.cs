using StackExchange.Redis;

namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// Turns a platform-style <c>REDIS_URL</c> (<c>redis://</c> or <c>rediss://</c>) into client options that fail
/// fast while Redis is away, so a service answers (or falls back) at once instead of hanging. A Redis Cluster is
/// named by its seed nodes, comma-separated in the host part (<c>redis://:pw@a:6379,b:6379,c:6379</c>): the client
/// learns every node from any one of them, and a cluster has only database 0.
/// </summary>
public static class RedisUrl
{
    private const string Shape = "must be a redis:// or rediss:// URL such as redis://:password@host:6379/0 (or host1:6379,host2:6379 for a cluster's seed nodes)";

    /// <summary>Parses <paramref name="raw"/>; the shape <see cref="SettingsReader.Parse{T}"/> expects.</summary>
    public static (ConfigurationOptions? Options, string? Error) Parse(string raw, string clientName, int timeoutMs = 1000)
    {
        var hostsStart = raw.IndexOf("://", StringComparison.Ordinal) + 3;
        if (hostsStart < 3) return (null, Shape);
        var credentialsEnd = raw.LastIndexOf('@') + 1;
        var hostsEnd = raw.IndexOf('/', Math.Max(hostsStart, credentialsEnd));
        var authority = hostsEnd < 0 ? raw[hostsStart..] : raw[hostsStart..hostsEnd];
        var credentials = authority[..Math.Max(0, credentialsEnd - hostsStart)];
        var hosts = authority[credentials.Length..].Split(',');
        var seeds = hosts[1..];
        // The first seed carries the credentials and the database; the others are host[:port] only.
        var first = raw[..hostsStart] + credentials + hosts[0] + (hostsEnd < 0 ? "" : raw[hostsEnd..]);
        if (!Uri.TryCreate(first, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
            return (null, Shape);
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
        foreach (var seed in seeds)
        {
            if (!Uri.TryCreate($"{uri.Scheme}://{seed}", UriKind.Absolute, out var node) || node.Host.Length == 0 || node.UserInfo.Length > 0 || node.AbsolutePath != "/")
                return (null, $"has seed node '{seed}'; each seed after the first is host:port, such as 10.0.0.2:6379");
            options.EndPoints.Add(node.Host, node.Port > 0 ? node.Port : 6379);
        }
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
            if (database != 0 && seeds.Length > 0) return (null, $"has database {database} with several seed nodes; a Redis Cluster has only database 0");
            options.DefaultDatabase = database;
        }
        return (options, null);
    }

    /// <summary>The URL with its password masked, for <c>--check-config</c> and logs.</summary>
    public static string Mask(ConfigurationOptions options) =>
        $"{(options.Ssl ? "rediss" : "redis")}://{(options.Password is null ? "" : ":********@")}{string.Join(",", options.EndPoints)}/{options.DefaultDatabase ?? 0}";
}
