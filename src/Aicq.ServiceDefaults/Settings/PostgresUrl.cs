using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Aicq.ServiceDefaults.Settings;

/// <summary>What a connection is for, which decides the servers of a multi-host URL it may use.</summary>
public enum PostgresUse
{
    /// <summary>Reads and writes: only a server that takes writes, the primary unless the URL says otherwise.</summary>
    Writes,
    /// <summary>Reads that may lag: a standby by preference, any server if no standby is up.</summary>
    StaleReads,
}

/// <summary>
/// Turns a platform-style <c>postgres://</c> URL (the form <c>DATABASE_URL</c> takes) into an Npgsql connection
/// string with short timeouts, so a dead database turns into a fast failure instead of a hanging request.
/// Several hosts (<c>postgres://u:p@a:5432,b:5432/db?target_session_attrs=primary</c>, as libpq writes them)
/// make Npgsql pick the server by its role, so a failover is followed without a restart.
/// </summary>
public static partial class PostgresUrl
{
    private static readonly string[] SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    private static readonly Dictionary<string, TargetSessionAttributes> Targets = new()
    {
        ["any"] = TargetSessionAttributes.Any,
        ["primary"] = TargetSessionAttributes.Primary,
        ["read-write"] = TargetSessionAttributes.ReadWrite,
        ["prefer-primary"] = TargetSessionAttributes.PreferPrimary,
        ["standby"] = TargetSessionAttributes.Standby,
        ["prefer-standby"] = TargetSessionAttributes.PreferStandby,
        ["read-only"] = TargetSessionAttributes.ReadOnly,
    };

    private static readonly TargetSessionAttributes[] NeverWrites =
        [TargetSessionAttributes.Standby, TargetSessionAttributes.PreferStandby, TargetSessionAttributes.ReadOnly];

    [GeneratedRegex(@"^postgres(?:ql)?://(?:(?<user>[^@/?#]*)@)?(?<hosts>[^/?#]*)(?<path>/[^?#]*)?(?:\?(?<query>[^#]*))?$")]
    private static partial Regex UrlShape();

    /// <summary>Parses <paramref name="raw"/>; the shape <see cref="SettingsReader.Parse{T}"/> expects.</summary>
    public static (string? ConnectionString, string? Error) Parse(
        string raw, string applicationName, int maxPoolSize = 20, PostgresUse use = PostgresUse.Writes)
    {
        var match = UrlShape().Match(raw);
        if (!match.Success) return (null, "must be a postgres:// URL such as postgres://user:password@host:5432/aicq?sslmode=require");
        var database = match.Groups["path"].Value.Trim('/');
        if (database.Length == 0) return (null, "must name a database in its path (postgres://user:password@host:5432/aicq)");
        var (hosts, hostError) = ParseHosts(match.Groups["hosts"].Value);
        if (hostError is not null) return (null, hostError);
        var userInfo = match.Groups["user"].Value.Split(':', 2);
        var query = System.Web.HttpUtility.ParseQueryString(match.Groups["query"].Value);
        var sslMode = query["sslmode"] ?? "prefer";
        if (!SslModes.Contains(sslMode)) return (null, $"has sslmode '{sslMode}'; use one of {string.Join(", ", SslModes)}");
        var (target, targetError) = Target(query["target_session_attrs"], hosts!.Count, use);
        if (targetError is not null) return (null, targetError);

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = hosts.Count == 1 ? hosts[0].Host : string.Join(',', hosts.Select(h => h.Host.Contains(':') ? $"[{h.Host}]:{h.Port}" : $"{h.Host}:{h.Port}")),
            Port = hosts[0].Port,
            Database = Uri.UnescapeDataString(database),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            SslMode = Enum.Parse<SslMode>(sslMode.Replace("-", ""), ignoreCase: true),
            Timeout = 2,
            CommandTimeout = 5,
            MaxPoolSize = maxPoolSize,
            ApplicationName = applicationName,
        };
        if (target is { } chosen)
        {
            builder.TargetSessionAttributes = Targets.First(t => t.Value == chosen).Key;
            // Npgsql remembers each server's role this long; short, so a promoted standby is used soon after a failover.
            builder.HostRecheckSeconds = 2;
        }
        return (builder.ConnectionString, null);
    }

    /// <summary>The connection string as a URL with its password masked, for <c>--check-config</c> and logs.</summary>
    public static string Mask(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = builder.Host!.Contains(',') ? builder.Host : $"{builder.Host}:{builder.Port}";
        var target = builder.TargetSessionAttributes is { } t ? $"&target_session_attrs={t}" : "";
        return $"postgres://{builder.Username}:********@{hosts}/{builder.Database}?sslmode={builder.SslMode.ToString().ToLowerInvariant()}{target}";
    }

    private static (IReadOnlyList<(string Host, int Port)>? Hosts, string? Error) ParseHosts(string list)
    {
        var hosts = new List<(string, int)>();
        foreach (var entry in list.Split(','))
        {
            // [::1]:5432 for IPv6, host:5432 otherwise; no port means 5432.
            var close = entry.StartsWith('[') ? entry.IndexOf(']', StringComparison.Ordinal) : -1;
            var colon = entry.LastIndexOf(':');
            var host = close > 0 ? entry[1..close] : colon >= 0 ? entry[..colon] : entry;
            var portText = colon > close ? entry[(colon + 1)..] : "5432";
            if (host.Length == 0) return (null, "must name a host for every entry of its host list (postgres://user:password@a:5432,b:5432/aicq)");
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                return (null, $"has port '{portText}'; use a number from 1 to 65535");
            hosts.Add((Uri.UnescapeDataString(host), port));
        }
        return (hosts, null);
    }

    private static (TargetSessionAttributes? Target, string? Error) Target(string? raw, int hostCount, PostgresUse use)
    {
        if (raw is null)
        {
            // One host: connect to it whatever it is, as before. Several: pick by role, or a failover would send writes to a standby.
            if (hostCount == 1) return (null, null);
            return (use == PostgresUse.Writes ? TargetSessionAttributes.Primary : TargetSessionAttributes.PreferStandby, null);
        }
        if (!Targets.TryGetValue(raw, out var target))
            return (null, $"has target_session_attrs '{raw}'; use one of {string.Join(", ", Targets.Keys)}");
        if (use == PostgresUse.Writes && NeverWrites.Contains(target))
            return (null, $"has target_session_attrs '{raw}', which never picks a server that takes writes; use primary or read-write");
        return (target, null);
    }
}
