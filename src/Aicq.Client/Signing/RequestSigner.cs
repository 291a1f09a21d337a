using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aicq.Client;

/// <summary>
/// Signs AICQ requests: <c>X-AICQ-Signature</c> is base64(Ed25519(UTF-8 of
/// <c>sha256_lowercase_hex(body) + "|" + nonce + "|" + timestamp</c>)), where body is the exact request body,
/// or <c>{}</c> when the request has none. An empty body counts as no body.
/// </summary>
public sealed class RequestSigner
{
    /// <summary>The bytes signed in place of a missing body.</summary>
    public static ReadOnlySpan<byte> EmptyBody => "{}"u8;

    /// <summary>Length of the nonces <see cref="NewNonce"/> makes.</summary>
    public const int NonceLength = 32;

    private readonly TimeProvider time;

    /// <summary>Creates a signer for <paramref name="identity"/>.</summary>
    /// <param name="identity">The agent whose key signs.</param>
    /// <param name="timeProvider">Clock for <c>X-AICQ-Timestamp</c>; the system clock when null.</param>
    public RequestSigner(AgentIdentity identity, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The agent this signer signs for.</summary>
    public AgentIdentity Identity { get; }

    /// <summary>Signs <paramref name="body"/> with a fresh random nonce and the current time.</summary>
    public SignedHeaders Sign(ReadOnlySpan<byte> body) =>
        Sign(body, NewNonce(), time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Signs <paramref name="body"/> with the given nonce and timestamp. Nothing is validated, so tests can craft
    /// short nonces or stale timestamps and load generators can sign ahead of time.
    /// </summary>
    public SignedHeaders Sign(ReadOnlySpan<byte> body, string nonce, long timestampMs)
    {
        var signed = BuildSigningBytes(body, nonce, timestampMs);
        var signature = Identity.Key.Sign(signed);
        return new SignedHeaders(Identity.AgentId, nonce, timestampMs, Convert.ToBase64String(signature));
    }

    /// <summary>A new random nonce: 24 random bytes as 32 URL-safe base64 characters.</summary>
    public static string NewNonce()
    {
        Span<byte> random = stackalloc byte[NonceLength / 4 * 3];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="body"/>, or of <c>{}</c> when it is empty.</summary>
    public static string HashBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body.IsEmpty ? EmptyBody : body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The exact string whose UTF-8 bytes are signed: <c>hash|nonce|timestamp</c>.</summary>
    public static string BuildSigningString(ReadOnlySpan<byte> body, string nonce, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return string.Create(CultureInfo.InvariantCulture, $"{HashBody(body)}|{nonce}|{timestampMs}");
    }

    /// <summary>UTF-8 bytes of <see cref="BuildSigningString"/>: what the Ed25519 signature covers.</summary>
    public static byte[] BuildSigningBytes(ReadOnlySpan<byte> body, string nonce, long timestampMs) =>
        Encoding.UTF8.GetBytes(BuildSigningString(body, nonce, timestampMs));
}
