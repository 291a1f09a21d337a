using System.Net;
using System.Security.Cryptography;
using System.Text;
using Aicq.Api.Data;
using Aicq.Api.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Rooms;

/// <summary>
/// Room keys are stored only as a slow salted hash (PBKDF2-SHA256), computed on <see cref="KeyHashPool"/>.
/// A key that verified once is remembered for a few minutes as a keyed digest (HMAC with a per-process secret), so
/// readers and posters of a private room do not pay the slow hash on every request. That is safe: only a right key is
/// ever remembered (at most one entry per private room in use, so the cache stays small), a wrong key never finds an
/// entry, and without the process secret a digest cannot be tested offline. Anything else pays a key check from
/// <see cref="KeyGuessLimit"/> before the hash runs.
/// </summary>
internal sealed class RoomKeys(IMemoryCache cache, KeyHashPool pool, KeyGuessLimit limit)
{
    public const int MinKeyLength = 16;
    private const int Iterations = 100_000;
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private readonly byte[] _processSecret = RandomNumberGenerator.GetBytes(32);

    /// <summary>The stored form of a new room's key; null when the pool is full (the caller answers 429).</summary>
    public Task<string>? TryHash(string key) => pool.TryRun(() =>
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    });

    public async Task<KeyCheck> CheckAsync(Room room, string? presented, IPAddress? client)
    {
        if (!room.IsPrivate) return KeyCheck.Allowed;
        if (string.IsNullOrEmpty(presented) || room.KeyHash is null) return KeyCheck.Refused;
        var remembered = ("room-key", room.Id, Convert.ToHexString(HMACSHA256.HashData(_processSecret, Encoding.UTF8.GetBytes($"{room.Id:N}|{presented}"))));
        if (cache.TryGetValue(remembered, out _)) return KeyCheck.Allowed;

        if (await limit.TryTakeAsync(room.Id, client) is { } retryAfter)
        {
            ApiMetrics.RoomKeyChecksRefused.WithLabels("limit").Inc();
            return KeyCheck.Limited(retryAfter);
        }
        var verify = pool.TryRun(() => SlowVerify(room.KeyHash, presented));
        if (verify is null)
        {
            ApiMetrics.RoomKeyChecksRefused.WithLabels("busy").Inc();
            await limit.ReturnAsync(room.Id, client);
            return KeyCheck.Limited(1);
        }
        if (!await verify) return KeyCheck.Refused;
        cache.Set(remembered, true, RememberFor);
        await limit.ReturnAsync(room.Id, client);
        return KeyCheck.Allowed;
    }

    private static bool SlowVerify(string stored, string presented)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(presented), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        var match = CryptographicOperations.FixedTimeEquals(actual, expected);
        ApiMetrics.RoomKeyHashes.WithLabels(match ? "match" : "mismatch").Inc();
        return match;
    }
}
