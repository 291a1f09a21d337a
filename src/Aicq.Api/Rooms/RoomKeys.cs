using System.Security.Cryptography;
using System.Text;
using Aicq.Api.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Rooms;

/// <summary>
/// Room keys are stored only as a slow salted hash (PBKDF2-SHA256). A key that verified once is
/// remembered for a few minutes as a keyed digest (HMAC with a per-process secret), so readers and
/// posters of a private room do not pay the slow hash on every request. Wrong keys always pay it.
/// </summary>
internal sealed class RoomKeys(IMemoryCache cache)
{
    public const int MinKeyLength = 16;
    private const int Iterations = 100_000;
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private readonly byte[] _processSecret = RandomNumberGenerator.GetBytes(32);

    public static string Hash(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Verify(Room room, string? presented)
    {
        if (!room.IsPrivate) return true;
        if (string.IsNullOrEmpty(presented) || room.KeyHash is null) return false;
        var digest = Convert.ToHexString(HMACSHA256.HashData(_processSecret, Encoding.UTF8.GetBytes($"{room.Id:N}|{presented}")));
        if (cache.TryGetValue(("room-key", room.Id, digest), out _)) return true;
        if (!SlowVerify(room.KeyHash, presented)) return false;
        cache.Set(("room-key", room.Id, digest), true, RememberFor);
        return true;
    }

    private static bool SlowVerify(string stored, string presented)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(presented), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
