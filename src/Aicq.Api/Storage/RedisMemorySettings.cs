using Aicq.ServiceDefaults.Settings;

namespace Aicq.Api.Storage;

/// <summary>
/// When <see cref="RedisMemoryGuard"/> stops taking messages and DMs: at <c>REDIS_HIGH_WATER_PERCENT</c> of the
/// memory limit, which is Redis's own <c>maxmemory</c> unless <c>REDIS_MAXMEMORY_MB</c> names it (for a managed
/// Redis whose INFO does not report its plan's limit).
/// </summary>
public sealed record RedisMemorySettings
{
    public required int HighWaterPercent { get; init; }
    public required long LimitBytesOverride { get; init; }

    public static RedisMemorySettings Read(SettingsReader reader) => new()
    {
        // 90 % leaves a tenth of maxmemory for nonces, byte budgets and the edge's limiter and block state, which
        // must never meet a full Redis: under noeviction a full Redis refuses every write, so every signed request.
        HighWaterPercent = reader.Int("REDIS_HIGH_WATER_PERCENT", 90, 50, 99),
        LimitBytesOverride = reader.Int("REDIS_MAXMEMORY_MB", 0, 0, 1_000_000) * 1024L * 1024L,
    };
}
