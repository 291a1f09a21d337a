using System.Globalization;
using Aicq.Edge.Settings;
using Aicq.Protocol;
using Aicq.ServiceDefaults.Settings;
using StackExchange.Redis;

namespace Aicq.Edge.RateLimiting;

/// <summary>The protocol's limits as this deployment applies them: scaled, overridden per route, or off.</summary>
internal sealed record RateLimitSettings
{
    public required bool Enabled { get; init; }
    /// <summary>The effective limit of every rate-limited route, by route id.</summary>
    public required IReadOnlyDictionary<string, RouteLimit> Limits { get; init; }
    public required ConfigurationOptions Redis { get; init; }

    public RouteLimit? For(ProtocolRoute route) => Enabled ? Limits.GetValueOrDefault(route.Id) : null;

    public static RateLimitSettings Read(SettingsReader reader)
    {
        var enabled = reader.Bool("RATE_LIMIT_ENABLED", true);
        var multiplier = reader.Double("RATE_LIMIT_MULTIPLIER", 1, 0.01, 1000);
        var limits = ProtocolRoutes.WithOther
            .Where(r => r.Limit is not null)
            .ToDictionary(r => r.Id, r => r.Limit! with { Limit = Math.Max(1, (int)Math.Round(r.Limit!.Limit * multiplier)) });
        var overrides = reader.Parse("RATE_LIMIT_OVERRIDES", "", raw => ParseOverrides(raw, limits), Describe);
        foreach (var (id, limit) in overrides ?? []) limits[id] = limit;
        var redis = reader.Parse("REDIS_URL", "redis://127.0.0.1:6379", raw => RedisUrl.Parse(raw, "aicq-edge", timeoutMs: 500), RedisUrl.Mask);
        return new RateLimitSettings { Enabled = enabled, Limits = limits, Redis = redis ?? new ConfigurationOptions() };
    }

    /// <summary><c>route=LIMIT/WINDOW</c> pairs, e.g. <c>find=300/1m,register=50/1h</c>; the multiplier does not apply to them.</summary>
    private static (Dictionary<string, RouteLimit>?, string?) ParseOverrides(string raw, IReadOnlyDictionary<string, RouteLimit> defaults)
    {
        var result = new Dictionary<string, RouteLimit>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', '/');
            if (pieces.Length != 3 || !defaults.TryGetValue(pieces[0].Trim(), out var current)
                || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1
                || SettingParsers.Duration(pieces[2].Trim()) is not { } window)
            {
                return (null, $"must be route=LIMIT/WINDOW pairs such as find=300/1m (bad entry '{part}'; routes: {string.Join(", ", defaults.Keys)})");
            }
            result[pieces[0].Trim()] = current with { Limit = limit, Window = window };
        }
        return (result, null);
    }

    private static string Describe(Dictionary<string, RouteLimit> overrides) =>
        overrides.Count == 0 ? "(none)" : string.Join(",", overrides.Select(o => $"{o.Key}={o.Value.Limit}/{SettingParsers.Duration(o.Value.Window)}"));
}
