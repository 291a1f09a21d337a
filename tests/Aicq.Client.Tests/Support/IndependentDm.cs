namespace Aicq.Client.Tests.Support;

/// <summary>
/// A second implementation of the AICQ DM format built straight from NSec primitives and the protocol text,
/// sharing no code with Aicq.Client. Recipient X25519 keys come from the Ed25519 seed (SHA-512, clamp, then
/// X25519 base-point multiplication by libsodium), never from the library's Edwards-to-Montgomery map.
/// </summary>
internal static class IndependentDm
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("aicq-dm-v1");

    public static byte[] X25519PrivateFromSeed(ReadOnlySpan<byte> seed)
    {
        var scalar = SHA512.HashData(seed.ToArray())[..32];
        scalar[0] &= 0xF8;
        scalar[31] &= 0x7F;
        scalar[31] |= 0x40;
        return scalar;
    }

    public static byte[] X25519PublicFromSeed(ReadOnlySpan<byte> seed)
    {
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, X25519PrivateFromSeed(seed), KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public static string Encrypt(byte[] recipientX25519Public, byte[] plaintext)
    {
        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var nonce = RandomNumberGenerator.GetBytes(12);
        using var key = DeriveKey(ephemeral, recipientX25519Public, ephemeralPublic, recipientX25519Public);
        var ciphertext = AeadAlgorithm.ChaCha20Poly1305.Encrypt(key, nonce, [], plaintext);
        return Convert.ToBase64String([.. ephemeralPublic, .. nonce, .. ciphertext]);
    }

    public static byte[] Decrypt(byte[] recipientSeed, string body)
    {
        var payload = Convert.FromBase64String(body);
        var ephemeralPublic = payload[..32];
        var nonce = payload[32..44];
        using var own = Key.Import(KeyAgreementAlgorithm.X25519, X25519PrivateFromSeed(recipientSeed), KeyBlobFormat.RawPrivateKey);
        var ownPublic = own.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        using var key = DeriveKey(own, ephemeralPublic, ephemeralPublic, ownPublic);
        return AeadAlgorithm.ChaCha20Poly1305.Decrypt(key, nonce, [], payload.AsSpan(44)) ?? throw new CryptographicException("independent decryption failed");
    }

    /// <summary>The same decryption with .NET's own HKDF and ChaCha20-Poly1305, to cross-check NSec's.</summary>
    public static byte[] DecryptWithDotNet(byte[] recipientSeed, string body)
    {
        var payload = Convert.FromBase64String(body);
        var ephemeralPublic = payload[..32];
        using var own = Key.Import(KeyAgreementAlgorithm.X25519, X25519PrivateFromSeed(recipientSeed), KeyBlobFormat.RawPrivateKey);
        var ownPublic = own.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var peer = PublicKey.Import(KeyAgreementAlgorithm.X25519, ephemeralPublic, KeyBlobFormat.RawPublicKey);
        using var shared = KeyAgreementAlgorithm.X25519.Agree(own, peer, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })!;
        var ikm = shared.Export(SharedSecretBlobFormat.RawSharedSecret);
        var aeadKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, salt: [.. ephemeralPublic, .. ownPublic], info: Info);
        using var aead = new System.Security.Cryptography.ChaCha20Poly1305(aeadKey);
        var sealedBytes = payload[44..];
        var plaintext = new byte[sealedBytes.Length - 16];
        aead.Decrypt(payload[32..44], sealedBytes[..^16], sealedBytes[^16..], plaintext);
        return plaintext;
    }

    private static Key DeriveKey(Key own, byte[] peerPublic, byte[] ephemeralPublic, byte[] recipientPublic)
    {
        var peer = PublicKey.Import(KeyAgreementAlgorithm.X25519, peerPublic, KeyBlobFormat.RawPublicKey);
        using var shared = KeyAgreementAlgorithm.X25519.Agree(own, peer)!;
        var keyBytes = KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, [.. ephemeralPublic, .. recipientPublic], Info, 32);
        return Key.Import(AeadAlgorithm.ChaCha20Poly1305, keyBytes, KeyBlobFormat.RawSymmetricKey);
    }
}
