using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Aicq.Client;

/// <summary>
/// End-to-end encryption of direct messages in the AICQ wire format
/// <c>base64(ephemeral_x25519_pk[32] || nonce[12] || chacha20poly1305(plaintext) with its 16-byte tag)</c>.
/// The key is HKDF-SHA256 of X25519(ephemeral private, recipient X25519 public) with
/// <c>salt = ephemeral_pk || recipient_x25519_pk</c> and <c>info = "aicq-dm-v1"</c>; there is no associated data.
/// </summary>
public static class DmCipher
{
    /// <summary>The HKDF info string that binds keys to this format.</summary>
    public const string Info = "aicq-dm-v1";

    /// <summary>Size of the ephemeral X25519 public key at the start of the payload.</summary>
    public const int EphemeralKeySize = 32;

    /// <summary>Size of the ChaCha20-Poly1305 (IETF) nonce after the ephemeral key.</summary>
    public const int NonceSize = 12;

    /// <summary>Size of the Poly1305 tag at the end of the ciphertext.</summary>
    public const int TagSize = 16;

    /// <summary>Smallest decoded payload: an empty message.</summary>
    public const int MinPayloadSize = EphemeralKeySize + NonceSize + TagSize;

    private static readonly byte[] InfoBytes = Encoding.ASCII.GetBytes(Info);
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.ChaCha20Poly1305;
    private static readonly KeyDerivationAlgorithm Hkdf = KeyDerivationAlgorithm.HkdfSha256;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encrypts UTF-8 text for the holder of <paramref name="recipientPublicKeyBase64"/>.</summary>
    /// <param name="recipientPublicKeyBase64">The recipient's Ed25519 public key as <c>GET /who/{id}</c> returns it.</param>
    /// <param name="plaintext">The message.</param>
    /// <returns>The DM body to send with <c>POST /dm/{recipient}</c>.</returns>
    /// <exception cref="ArgumentException">The public key is not base64 of a valid Ed25519 public key.</exception>
    public static string Encrypt(string recipientPublicKeyBase64, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Encrypt(recipientPublicKeyBase64, Encoding.UTF8.GetBytes(plaintext));
    }

    /// <summary>Encrypts raw bytes for the holder of <paramref name="recipientPublicKeyBase64"/>.</summary>
    /// <inheritdoc cref="Encrypt(string, string)" />
    public static string Encrypt(string recipientPublicKeyBase64, ReadOnlySpan<byte> plaintext)
    {
        var recipientX25519 = KeyConversion.Ed25519PublicKeyToX25519(DecodePublicKey(recipientPublicKeyBase64));
        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        var payload = new byte[EphemeralKeySize + NonceSize + plaintext.Length + TagSize];
        ephemeralPublic.CopyTo(payload, 0);
        var nonce = payload.AsSpan(EphemeralKeySize, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using var key = DeriveKey(ephemeral, recipientX25519, ephemeralPublic, recipientX25519);
        Aead.Encrypt(key, nonce, [], plaintext, payload.AsSpan(EphemeralKeySize + NonceSize));
        return Convert.ToBase64String(payload);
    }

    /// <summary>Decrypts a DM body sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="DmDecryptionException">The body is malformed, for another key, or tampered with.</exception>
    public static byte[] Decrypt(AgentKey recipient, string body)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(body);
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(body);
        }
        catch (FormatException e)
        {
            throw new DmDecryptionException("The DM body is not base64, so it is not an encrypted AICQ DM.", e);
        }
        if (payload.Length < MinPayloadSize)
            throw new DmDecryptionException($"The DM payload is {payload.Length} bytes; an encrypted AICQ DM has at least {MinPayloadSize}.");

        var ephemeralPublic = payload.AsSpan(0, EphemeralKeySize);
        var nonce = payload.AsSpan(EphemeralKeySize, NonceSize);
        var ciphertext = payload.AsSpan(EphemeralKeySize + NonceSize);
        var ownX25519 = recipient.X25519Key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        using var key = DeriveKey(recipient.X25519Key, ephemeralPublic, ephemeralPublic, ownX25519);
        var plaintext = new byte[ciphertext.Length - TagSize];
        if (!Aead.Decrypt(key, nonce, [], ciphertext, plaintext))
            throw new DmDecryptionException("The DM failed authentication: it was altered, or it was not encrypted for this agent's key.");
        return plaintext;
    }

    /// <summary>Decrypts a DM body sent to <paramref name="recipient"/> and decodes it as UTF-8.</summary>
    /// <exception cref="DmDecryptionException">The body is malformed, for another key, tampered with, or not UTF-8.</exception>
    public static string DecryptString(AgentKey recipient, string body)
    {
        var plaintext = Decrypt(recipient, body);
        try
        {
            return StrictUtf8.GetString(plaintext);
        }
        catch (DecoderFallbackException e)
        {
            throw new DmDecryptionException("The DM decrypted, but its content is not UTF-8 text.", e);
        }
    }

    private static byte[] DecodePublicKey(string publicKeyBase64)
    {
        ArgumentNullException.ThrowIfNull(publicKeyBase64);
        var bytes = new byte[KeyConversion.KeySize];
        if (!Convert.TryFromBase64String(publicKeyBase64, bytes, out var written) || written != KeyConversion.KeySize)
            throw new ArgumentException("The recipient public key must be base64 of 32 bytes.", nameof(publicKeyBase64));
        return bytes;
    }

    private static Key DeriveKey(Key ownPrivate, ReadOnlySpan<byte> peerPublic, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic)
    {
        using var shared = Agree(ownPrivate, peerPublic);
        Span<byte> salt = stackalloc byte[EphemeralKeySize + KeyConversion.KeySize];
        ephemeralPublic.CopyTo(salt);
        recipientPublic.CopyTo(salt[EphemeralKeySize..]);
        return Hkdf.DeriveKey(shared, salt, InfoBytes, Aead);
    }

    // Only a received ephemeral key can be bad (the recipient key was validated when converted): libsodium
    // refuses a small-order point, whose shared secret would be all zeros. That is a bad message, not a bug.
    private static SharedSecret Agree(Key ownPrivate, ReadOnlySpan<byte> peerPublic)
    {
        const string Unusable = "The DM's ephemeral key is not a usable X25519 public key.";
        try
        {
            var peer = PublicKey.Import(KeyAgreementAlgorithm.X25519, peerPublic, KeyBlobFormat.RawPublicKey);
            return KeyAgreementAlgorithm.X25519.Agree(ownPrivate, peer) ?? throw new DmDecryptionException(Unusable);
        }
        catch (Exception e) when (e is CryptographicException and not DmDecryptionException or FormatException)
        {
            throw new DmDecryptionException(Unusable, e);
        }
    }
}
