using System.Net;
using Aicq.Api.Overload;
using Aicq.Api.Storage;
using Aicq.ServiceDefaults.Settings;
using StackExchange.Redis;

namespace Aicq.Api.Settings;

/// <summary>Every environment variable the API reads (see the README's configuration table).</summary>
public sealed record ApiSettings
{
    /// <summary>The name in logs, metrics and <c>--check-config</c>.</summary>
    public const string ServiceName = "aicq-api";

    public required CommonSettings Common { get; init; }
    public required string DatabaseConnectionString { get; init; }
    /// <summary>A standby for reads that may lag (see <c>Data/StaleReads</c>); null sends them to the primary.</summary>
    public string? DatabaseReplicaConnectionString { get; init; }
    public required ConfigurationOptions Redis { get; init; }
    /// <summary>The public port's address: loopback unless the edge is on another host (the edge is its only client).</summary>
    public required IPAddress BindAddress { get; init; }
    public required int Port { get; init; }
    /// <summary>
    /// The internal port's own address, so a scraper on a private network reaches it while the public port stays on loopback.
    /// Its variables keep their first names, <c>METRICS_BIND_ADDRESS</c> and <c>METRICS_PORT</c>: operators' configs use them.
    /// </summary>
    public required IPAddress InternalBindAddress { get; init; }
    /// <summary>Metrics and the platform's probes only (see <c>Http/InternalPort</c>).</summary>
    public required int InternalPort { get; init; }
    public required string PublicUrl { get; init; }
    public required TimeSpan SignatureWindow { get; init; }
    public Guid? AdminAgentId { get; init; }
    public required IReadOnlyList<IPNetwork> TrustedProxies { get; init; }
    public required OverloadSettings Overload { get; init; }
    public required RedisMemorySettings RedisMemory { get; init; }

    public static ApiSettings Read(SettingsReader reader)
    {
        var common = CommonSettings.Read(reader, ServiceName);
        var database = reader.Parse("DATABASE_URL", null, raw => PostgresUrl.Parse(raw, "aicq-api"), PostgresUrl.Mask);
        var replica = reader.OptionalParse("DATABASE_REPLICA_URL",
            raw => PostgresUrl.Parse(raw, "aicq-api-replica", use: PostgresUse.StaleReads), PostgresUrl.Mask);
        var redis = reader.Parse("REDIS_URL", "redis://127.0.0.1:6379", raw => RedisUrl.Parse(raw, "aicq-api"), RedisUrl.Mask);
        var bind = reader.Address("BIND_ADDRESS", "127.0.0.1");
        var port = reader.Int("PORT", 5080, 1, 65535);
        var internalBind = reader.Address("METRICS_BIND_ADDRESS", "127.0.0.1");
        var internalPort = reader.Int("METRICS_PORT", 9091, 1, 65535);
        if (port == internalPort) reader.Fail("METRICS_PORT", $"must differ from PORT ({port}) so metrics never reach the public port");
        var trusted = reader.Networks("TRUSTED_PROXIES", "127.0.0.0/8,::1/128");
        return new ApiSettings
        {
            Common = common,
            DatabaseConnectionString = database ?? "",
            DatabaseReplicaConnectionString = replica,
            Redis = redis ?? new ConfigurationOptions(),
            BindAddress = bind,
            Port = port,
            InternalBindAddress = internalBind,
            InternalPort = internalPort,
            PublicUrl = PublicUrlSetting.Read(reader, common.Environment),
            SignatureWindow = TimeSpan.FromSeconds(reader.Int("SIGNATURE_WINDOW_SECONDS", 30, 1, 3600)),
            AdminAgentId = reader.OptionalGuid("ADMIN_AGENT_ID"),
            TrustedProxies = trusted,
            Overload = OverloadSettings.Read(reader),
            RedisMemory = RedisMemorySettings.Read(reader),
        };
    }
}
