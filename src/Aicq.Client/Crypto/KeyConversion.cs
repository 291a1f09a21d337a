using System.Security.Cryptography;

namespace Aicq.Client;

/// <summary>
/// Converts Ed25519 identity keys to the X25519 keys used for direct-message encryption, exactly as
/// libsodium's <c>crypto_sign_ed25519_pk_to_curve25519</c> and <c>crypto_sign_ed25519_sk_to_curve25519</c> do.
/// </summary>
public static class KeyConversion
{
    /// <summary>Size in bytes of every key this class reads or writes.</summary>
    public const int KeySize = 32;

    /// <summary>
    /// Maps an Ed25519 public key (a compressed edwards25519 point) to the X25519 public key
    /// <c>u = (1 + y) / (1 − y) mod 2^255 − 19</c>.
    /// </summary>
    /// <param name="ed25519PublicKey">The raw 32-byte Ed25519 public key.</param>
    /// <returns>The raw 32-byte X25519 public key, little-endian.</returns>
    /// <exception cref="ArgumentException">
    /// The bytes are not 32 long, not a canonical point on the curve, or not a point of prime order
    /// (small-order and mixed-order points are rejected, as libsodium does).
    /// </exception>
    public static byte[] Ed25519PublicKeyToX25519(ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (ed25519PublicKey.Length != KeySize)
            throw new ArgumentException($"An Ed25519 public key is {KeySize} bytes, not {ed25519PublicKey.Length}.", nameof(ed25519PublicKey));
        if (Curve25519Math.Decode(ed25519PublicKey) is not (var x, var y))
            throw new ArgumentException("The bytes are not a valid Ed25519 public key (not a point on the curve).", nameof(ed25519PublicKey));
        if (!Curve25519Math.IsInPrimeOrderSubgroup(x, y))
            throw new ArgumentException("The Ed25519 public key is a small-order or mixed-order point and cannot be used.", nameof(ed25519PublicKey));

        var p = Curve25519Math.P;
        var u = Curve25519Math.Mod(1 + y) * Curve25519Math.Invert(1 - y) % p;
        var result = new byte[KeySize];
        Curve25519Math.WriteLittleEndian(u, result);
        return result;
    }

    /// <summary>
    /// Derives the X25519 private scalar of an Ed25519 key: the first 32 bytes of SHA-512(seed), clamped.
    /// </summary>
    /// <param name="ed25519Seed">The 32-byte Ed25519 seed (what RFC 8032 calls the private key).</param>
    /// <returns>The clamped 32-byte X25519 private key. The caller should zero it after use.</returns>
    public static byte[] Ed25519SeedToX25519PrivateKey(ReadOnlySpan<byte> ed25519Seed)
    {
        if (ed25519Seed.Length != KeySize)
            throw new ArgumentException($"An Ed25519 seed is {KeySize} bytes, not {ed25519Seed.Length}.", nameof(ed25519Seed));
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(ed25519Seed, hash);
        var scalar = hash[..KeySize].ToArray();
        CryptographicOperations.ZeroMemory(hash);
        scalar[0] &= 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return scalar;
    }
}
